import { describe, expect, it } from '@jest/globals';
import { ApiProblem } from './api/client';
import { missingReplyFields, NO_OPEN_HANDOFF, replyProblems } from './reply';

describe('the reply form', () => {
  it('asks for a name and a reply before sending, blank ones included', () => {
    expect(missingReplyFields({ authorName: ' ', content: '\n' })).toEqual({
      authorName: 'Enter your name: the visitor sees it with your reply.',
      content: 'Write your reply first.',
    });
    expect(missingReplyFields({ authorName: 'Dana', content: 'Hello' })).toEqual({});
  });

  it('puts refusals next to their fields, under the labels the admin sees', () => {
    const refused = new ApiProblem('Validation failed', 400, 'VALIDATION_FAILED', [
      'authorName must not contain control characters (other than tab and line breaks) or bidirectional text controls',
      'content must be shorter than or equal to 4000 characters',
    ]);
    expect(replyProblems(refused)).toEqual({
      byField: {
        authorName: 'Your name must not contain control characters (other than tab and line breaks) or bidirectional text controls',
        content: 'Reply to the visitor must be shorter than or equal to 4000 characters',
      },
      general: [],
    });
  });

  it('explains a conversation without an open handoff, and a workspace over its limit', () => {
    const conflict = new ApiProblem('This conversation has no open handoff to answer.', 409, 'NO_OPEN_HANDOFF');
    expect(replyProblems(conflict)).toEqual({ byField: {}, general: [NO_OPEN_HANDOFF] });
    expect(NO_OPEN_HANDOFF).toMatch(/^This conversation has no open handoff/);
    const limited = new ApiProblem('Too many requests.', 429, 'RATE_LIMITED');
    expect(replyProblems(limited).general[0]).toMatch(/too many replies this minute/);
    const other = new ApiProblem('The conversation holds 1000 messages already.', 409, 'MESSAGE_LIMIT_REACHED');
    expect(replyProblems(other)).toEqual({ byField: {}, general: ['The conversation holds 1000 messages already.'] });
  });
});
