import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { SecureContext } from 'node:tls';
import { Pool } from 'undici';

export interface VettedConnectionsOptions {
  /** Connection, headers and body timeouts of every request. */
  timeoutMs: number;
  secureContext?: SecureContext;
  /** Destinations kept at most; the least recently used one beyond is closed. */
  maxDestinations?: number;
}

/**
 * An idle connection is closed after this, unless the server announces its own keep-alive timeout
 * (then a second less than it, up to MAX_IDLE_MS). Short: a server that drops idle connections
 * sooner without saying so fails the webhook sent on one (a POST is never resent), while
 * back-to-back deliveries to one destination still share their connections.
 */
const IDLE_MS = 2_000;
const MAX_IDLE_MS = 30_000;
const DEFAULT_MAX_DESTINATIONS = 256;

/**
 * Kept-alive connections per vetted destination: an origin together with the very addresses that
 * were vetted for it at send time. Each connection goes only to those addresses (no second DNS
 * answer can rebind it); when the name's answer changes, the next request is a new destination,
 * and the connections to the old addresses are closed once their requests end. A handshake per
 * webhook was most of a delivery's CPU time.
 */
export class VettedConnections {
  /** By destination key, least recently used first. */
  private readonly pools = new Map<string, Pool>();
  /** The destination key each origin was last vetted to. */
  private readonly current = new Map<string, string>();

  constructor(private readonly options: VettedConnectionsOptions) {}

  /** The connections to `url`'s origin at exactly these vetted `addresses`. */
  to(url: URL, addresses: string[]): Pool {
    const key = `${url.origin} ${[...addresses].sort().join(' ')}`;
    const existing = this.pools.get(key);
    if (existing) {
      this.pools.delete(key);
      this.pools.set(key, existing);
      return existing;
    }
    const previous = this.current.get(url.origin);
    if (previous !== undefined) this.retire(previous);
    const pool = this.open(url, addresses);
    this.pools.set(key, pool);
    this.current.set(url.origin, key);
    if (this.pools.size > (this.options.maxDestinations ?? DEFAULT_MAX_DESTINATIONS)) this.retire(this.pools.keys().next().value as string);
    return pool;
  }

  /** Destroys every connection, in use or idle. */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    this.current.clear();
    await Promise.all(pools.map((pool) => pool.destroy()));
  }

  private open(url: URL, addresses: string[]): Pool {
    const { timeoutMs, secureContext } = this.options;
    return new Pool(url.origin, {
      connect: { timeout: timeoutMs, lookup: lookupOnly(addresses), ...(secureContext && { secureContext }) },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      keepAliveTimeout: IDLE_MS,
      keepAliveMaxTimeout: MAX_IDLE_MS,
    });
  }

  /** Closes a destination's connections once their requests have ended. */
  private retire(key: string): void {
    const pool = this.pools.get(key);
    this.pools.delete(key);
    const origin = key.slice(0, key.indexOf(' '));
    if (this.current.get(origin) === key) this.current.delete(origin);
    void pool?.close().catch(() => undefined);
  }
}

/**
 * A resolver for the socket that answers only with the vetted addresses. The TLS handshake
 * still uses the URL's host name for SNI and certificate verification. (An IP literal URL
 * never calls it: the socket connects to the literal, which is what was vetted.)
 */
function lookupOnly(addresses: string[]): LookupFunction {
  const answers: LookupAddress[] = addresses.map((address) => ({
    address,
    family: address.includes(':') ? 6 : 4,
  }));
  return (_hostname: string, options: LookupOptions, callback) => {
    if (options.all) callback(null, answers);
    else callback(null, answers[0].address, answers[0].family);
  };
}
