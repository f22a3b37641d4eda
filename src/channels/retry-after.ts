/** The longest wait a peer's `Retry-After` may ask for: beyond it, backoff decides. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/**
 * A `Retry-After` header (delay in seconds, or an HTTP date) as milliseconds from `now`, or
 * undefined when absent, unreadable or longer than MAX_RETRY_AFTER_MS.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  const text = value?.trim() ?? '';
  if (text === '') return undefined;
  // An HTTP date names its weekday and month; anything else that is not digits is unreadable.
  const delayMs = /^\d+$/.test(text) ? Number(text) * 1000 : /^[a-z]{3}, /i.test(text) ? Date.parse(text) - now : NaN;
  if (Number.isNaN(delayMs) || delayMs > MAX_RETRY_AFTER_MS) return undefined;
  return Math.max(0, delayMs);
}
