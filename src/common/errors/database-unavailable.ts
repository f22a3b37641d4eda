/** Connection-level failures of Postgres: the request may succeed when retried, so they are 503s. */
const UNAVAILABLE_SQLSTATE_PREFIXES = ['08', '57P'];
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
];

export function isDatabaseUnavailable(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: unknown; message?: unknown } | null;
  if (!candidate) return false;
  const code = typeof candidate.code === 'string' ? candidate.code : '';
  if (UNAVAILABLE_NODE_CODES.has(code)) return true;
  if (UNAVAILABLE_SQLSTATE_PREFIXES.some((prefix) => code.startsWith(prefix))) return true;
  const message = typeof candidate.message === 'string' ? candidate.message : '';
  if (UNAVAILABLE_MESSAGES.some((fragment) => message.includes(fragment))) return true;
  return candidate.driverError !== undefined && isDatabaseUnavailable(candidate.driverError);
}
