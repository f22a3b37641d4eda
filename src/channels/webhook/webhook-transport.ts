import { performance } from 'node:perf_hooks';
import { createSecureContext, rootCertificates } from 'node:tls';
import { AppError } from '../../common/errors/app-error';
import { MAX_RESPONSE_BODY_BYTES, truncateUtf8 } from '../response-body';
import { WebhookTargetPolicy } from '../webhook-target/webhook-target-policy';
import { FailureReason } from '../delivery-channel';
import { VettedConnections } from './vetted-connections';

export interface WebhookTransportOptions {
  /** Budget of the whole request: connection, headers and body. */
  timeoutMs: number;
  /** Extra CA certificates (PEM), trusted in addition to the default ones. */
  ca?: string | Buffer;
}

export interface WebhookResponse {
  status: number;
  /** At most `maxResponseBytes` (default MAX_RESPONSE_BODY_BYTES) of the response body. */
  body: string;
  durationMs: number;
  /** Response headers, names in lowercase; a repeated header's values joined by ", ". */
  headers: Record<string, string>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface PostOptions {
  /** How much of the response body to read: more than is recorded when a channel parses it. */
  maxResponseBytes?: number;
  /**
   * Headers made once the target is vetted, just before the request leaves: signatures, so that
   * a secret whose time ended during the address checks is not used.
   */
  signedHeaders?: () => Record<string, string>;
}

/**
 * The request got no HTTP response; `reason` is short, classified and safe to show to a tenant
 * admin; `diagnostic` is the underlying error's own text, for the log only.
 */
export class WebhookTransportError extends Error {
  constructor(
    readonly reason: string,
    readonly diagnostic?: string,
  ) {
    super(reason);
    this.name = 'WebhookTransportError';
  }

  /** The failure as an outcome's reason. */
  get failure(): FailureReason {
    return this.diagnostic === undefined ? { error: this.reason } : { error: this.reason, diagnostic: this.diagnostic };
  }
}

export const WEBHOOK_USER_AGENT = 'Wilow-Handoff/1.0';

/** OpenSSL's certificate verification codes, and Node's for a certificate naming another host. */
const CERTIFICATE_ERROR_CODE = /CERT|SELF_SIGNED|UNABLE_TO_/;
/** The rest of TLS: a handshake that failed for another reason (versions, ciphers, a reset). */
const TLS_ERROR_CODE = /^(ERR_TLS_|ERR_SSL_)/;

/** Reasons that no later try gets past, unlike a refused connection or a timeout. */
export const TLS_NOT_TRUSTED = 'TLS certificate not trusted';
export const TLS_FAILED = 'TLS handshake failed';

const CONNECTION_ERRORS = new Map([
  ['ECONNREFUSED', 'connection refused'],
  ['ECONNRESET', 'connection reset'],
  ['EHOSTUNREACH', 'host unreachable'],
  ['ENETUNREACH', 'network unreachable'],
  ['UND_ERR_SOCKET', 'connection closed by the server'],
]);

const TIMEOUT_ERRORS = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/**
 * POSTs webhook bodies to tenant URLs, safely: the host is vetted again at send time and the
 * connection goes only to the vetted addresses (no second DNS answer can rebind it), redirects
 * are never followed, and one deadline bounds the whole exchange. Connections are kept alive per
 * vetted destination (VettedConnections).
 */
export class WebhookTransport {
  private readonly connections: VettedConnections;

  constructor(
    private readonly policy: WebhookTargetPolicy,
    private readonly options: WebhookTransportOptions,
  ) {
    // Built once: a `ca` option would make every connection parse the whole trust store again
    // (~150 certificates and megabytes of memory per connection). Node's `ca` option replaces
    // the default trust store, so the defaults are added back.
    const secureContext =
      options.ca === undefined ? undefined : createSecureContext({ ca: [...rootCertificates, options.ca.toString()] });
    this.connections = new VettedConnections({ timeoutMs: options.timeoutMs, secureContext });
  }

  /** At shutdown (Nest calls it on the provider): the kept-alive connections close. */
  async onApplicationShutdown(): Promise<void> {
    await this.connections.close();
  }

  post(url: string, body: string, headers: Record<string, string>, options: PostOptions = {}): Promise<WebhookResponse> {
    return this.request('POST', url, body, headers, options);
  }

  /** Any method, for the helpdesk APIs (reading comments, deleting tickets); a JSON body when one is given. */
  async request(method: HttpMethod, url: string, body: string | undefined, headers: Record<string, string>, options: PostOptions = {}): Promise<WebhookResponse> {
    const target = await this.vet(url);
    const started = performance.now();
    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    const contentType: Record<string, string> = body === undefined ? {} : { 'Content-Type': 'application/json' };
    // An aborted request (the deadline) or a body left unread (too long) closes its connection.
    try {
      const response = await this.connections.to(target.url, target.addresses).request({
        path: `${target.url.pathname}${target.url.search}`,
        method,
        headers: { ...headers, ...options.signedHeaders?.(), ...contentType, 'User-Agent': WEBHOOK_USER_AGENT },
        body,
        signal: deadline,
      });
      const responseBody = await readAtMost(response.body, options.maxResponseBytes ?? MAX_RESPONSE_BODY_BYTES);
      return { status: response.statusCode, body: responseBody, durationMs: elapsedSince(started), headers: flattenHeaders(response.headers) };
    } catch (error) {
      throw this.classifyFailure(error, deadline);
    }
  }

  /**
   * Runs the full URL policy (https, no credentials, host and every address it resolves to),
   * a superset of re-vetting the host: the URL was vetted at save time, but DNS may have
   * changed since.
   */
  private async vet(url: string): Promise<{ url: URL; addresses: string[] }> {
    try {
      return await this.policy.vetUrl(url);
    } catch (error) {
      if (error instanceof AppError) throw new WebhookTransportError(`address refused: ${error.message}`);
      throw error;
    }
  }

  /**
   * A short, classified reason a tenant may read; the error's own text (certificate names, the
   * addresses of allowlisted hosts) stays in the diagnostic, for the log.
   */
  private classifyFailure(error: unknown, deadline: AbortSignal): WebhookTransportError {
    const { code, message } = errorDetails(error);
    if (deadline.aborted || TIMEOUT_ERRORS.has(code)) return new WebhookTransportError(`timed out after ${this.options.timeoutMs} ms`);
    if (CERTIFICATE_ERROR_CODE.test(code)) return new WebhookTransportError(TLS_NOT_TRUSTED, message);
    if (TLS_ERROR_CODE.test(code)) return new WebhookTransportError(TLS_FAILED, message);
    const connection = CONNECTION_ERRORS.get(code);
    return connection ? new WebhookTransportError(connection) : new WebhookTransportError('request failed', message);
  }
}

/** Reads up to `limit` bytes, then stops: a huge or endless body costs nothing more. */
async function readAtMost(body: AsyncIterable<Buffer>, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    length += chunk.length;
    if (length > limit) break;
  }
  return truncateUtf8(Buffer.concat(chunks), limit);
}

/**
 * Read by shape, not `instanceof Error`: socket errors come from Node's own realm, which is
 * not the caller's under a VM sandbox (Jest). An AggregateError (one error per address tried)
 * carries the code of its parts.
 */
function errorDetails(error: unknown): { code: string; message: string } {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return {
    code: typeof code === 'string' ? code : '',
    message: typeof message === 'string' ? message : String(error),
  };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function elapsedSince(started: number): number {
  return Math.round(performance.now() - started);
}
