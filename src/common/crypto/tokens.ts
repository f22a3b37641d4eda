import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret with a recognisable prefix (so leaked keys can be spotted and scanned for). */
export function generateToken(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** Secrets are stored as this digest; a lookup by digest leaks nothing useful through timing. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Constant-time comparison of two strings of any length. */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
