import { describe, expect, it } from '@jest/globals';
import { ApiProblem } from './api/client';
import { oneFieldProblem } from './field-problems';

const FIELD = { name: 'transcriptRetentionDays', label: 'Transcript retention in days' };

describe('a refused form of one field', () => {
  it('puts the validation message about the field under the field, with its label', () => {
    const refused = new ApiProblem('Validation failed', 400, 'VALIDATION_FAILED', ['transcriptRetentionDays must not be less than 1']);
    expect(oneFieldProblem(FIELD, refused)).toEqual({ byField: 'Transcript retention in days must not be less than 1', general: '' });
  });

  it('shows any other refusal beside the form', () => {
    expect(oneFieldProblem(FIELD, new ApiProblem('Too many requests.', 429, 'RATE_LIMITED'))).toEqual({ byField: '', general: 'Too many requests.' });
    expect(oneFieldProblem(FIELD, new Error('boom'))).toEqual({ byField: '', general: 'Something went wrong. Try again in a moment.' });
  });
});
