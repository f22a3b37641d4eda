import { describe, expect, it } from '@jest/globals';
import { readRetentionDays, retentionSaved, retentionText } from './retention';

describe('the retention field', () => {
  it('keeps transcripts when left empty', () => {
    expect(readRetentionDays('')).toEqual({ days: null });
    expect(readRetentionDays('  ')).toEqual({ days: null });
  });

  it('sends whole numbers as they are, leaving the allowed range to the service', () => {
    expect(readRetentionDays(' 30 ')).toEqual({ days: 30 });
    expect(readRetentionDays('0')).toEqual({ days: 0 });
    expect(readRetentionDays('3651')).toEqual({ days: 3651 });
  });

  it('asks for a whole number of days instead of anything else', () => {
    for (const typed of ['thirty', '1.5', '-3', '1e3']) {
      expect(readRetentionDays(typed)).toEqual({ problem: 'Enter a whole number of days, or leave it empty to keep transcripts.' });
    }
  });

  it('shows a saved retention in the field, and says what it means', () => {
    expect(retentionText(null)).toBe('');
    expect(retentionText(90)).toBe('90');
    expect(retentionSaved(null)).toBe('Saved: transcripts are kept.');
    expect(retentionSaved(1)).toBe('Saved: conversations with no message for 1 day are erased from Wilow.');
    expect(retentionSaved(90)).toBe('Saved: conversations with no message for 90 days are erased from Wilow.');
  });
});
