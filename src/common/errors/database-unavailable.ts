/** Connection-level failures of Postgres: the request may succeed when retried, so they are 503s. */
const UNAVAILABLE_SQLSTATE_PREFIXES = ['08', '57P'];
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
/**
 * TypeORM releases a query runner whose connection broke (the server restarted mid-transaction);
 * the transaction's next statement then fails with one of these instead: its COMMIT, or a raw
 * `manager.query` inside it.
 */
const UNAVAILABLE_ERROR_NAMES = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
];

export function isDatabaseUnavailable(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: unknown; message?: unknown; name?: unknown } | null;
  if (!candidate) return false;
  if (typeof candidate.name === 'string' && UNAVAILABLE_ERROR_NAMES.has(candidate.name)) return true;
  const code = typeof candidate.code === 'string' ? candidate.code : '';
  if (UNAVAILABLE_NODE_CODES.has(code)) return true;
  if (UNAVAILABLE_SQLSTATE_PREFIXES.some((prefix) => code.startsWith(prefix))) return true;
  const message = typeof candidate.message === 'string' ? candidate.message : '';
  if (UNAVAILABLE_MESSAGES.some((fragment) => message.includes(fragment))) return true;
  return candidate.driverError !== undefined && isDatabaseUnavailable(candidate.driverError);
}
