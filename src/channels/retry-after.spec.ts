import { MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry-after';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-03-03T14:00:00.000Z');

  it('reads a delay in seconds', () => {
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter(' 30 ', now)).toBe(30_000);
    expect(parseRetryAfter('0', now)).toBe(0);
  });

  it('reads an HTTP date, a past one as no wait', () => {
    expect(parseRetryAfter('Mon, 03 Mar 2025 14:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Mon, 03 Mar 2025 13:00:00 GMT', now)).toBe(0);
  });

  it('ignores what is absent, unreadable or too long', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter(String(MAX_RETRY_AFTER_MS / 1000 + 1), now)).toBeUndefined();
  });
});
