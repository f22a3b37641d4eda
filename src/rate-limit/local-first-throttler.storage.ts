import type { LoggerService } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type Redis from 'ioredis';

/** How often hits counted locally are added to the shared count. */
export const FLUSH_INTERVAL_MS = 100;
/** Below this limit every hit is counted in Redis at once: a few hits are already half of it. */
const MIN_LOCAL_LIMIT = 10;
/** Keys tracked locally at most (client IPs, conversations, tenants of the current minute). */
const MAX_LOCAL_KEYS = 100_000;

/**
 * Adds `n` hits to a limit's count, the way the Redis storage counts one (same keys, the window
 * starting with its first hit); returns the total, the milliseconds left in the window and those
 * left of a block (0 when none).
 */
const ADD_HITS = `
local total = redis.call('INCRBY', KEYS[1], ARGV[1])
local left = redis.call('PTTL', KEYS[1])
if left <= 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  left = tonumber(ARGV[2])
end
local blocked = redis.call('PTTL', KEYS[2])
if blocked < 0 then blocked = 0 end
return { total, left, blocked }`;

interface LocalCount {
  /** The shared count in Redis when last heard from. */
  shared: number;
  /** Whether Redis was heard from in this window (else `shared` is 0, a guess). */
  heard: boolean;
  /** Hits admitted here since, not yet added to Redis. */
  pending: number;
  /** When the window ends (ms since the epoch). */
  endsAt: number;
  /** Until when the key is blocked (over its limit), as last heard from Redis. */
  blockedUntil: number;
  ttlMs: number;
  name: string;
}

/**
 * Counts a rate limit's hits locally while they are far from the limit, and adds them to the
 * shared count in Redis within FLUSH_INTERVAL_MS, in one batch: a request far below its limits
 * costs no Redis round trip. A key's first hit in a window is counted here; until Redis has been
 * heard from about it (the batch, or the next hit, which goes to Redis), no other. Once its count
 * (as last heard from Redis, plus the hits admitted here since) reaches half its limit, every hit
 * goes to the inner storage, exactly as before. So the limit stays shared between processes: a
 * client overruns it only by sending more than half of it to several processes within one flush
 * interval, and then by less than half the limit per process.
 */
export class LocalFirstThrottlerStorage implements ThrottlerStorage {
  /** By key; the Redis keys are ThrottlerStorageRedisService's: `{key:name}:hits` and `{key:name}:blocked`. */
  private readonly counts = new Map<string, LocalCount>();
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly inner: ThrottlerStorage,
    private readonly redis: Redis,
    private readonly logger: LoggerService,
    private readonly now: () => number = Date.now,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const local = this.admitLocally(key, ttl, limit, throttlerName);
    if (local) return local;
    // Near the limit: what was counted here goes to Redis first, then this hit, exactly.
    if ((this.counts.get(key)?.pending ?? 0) > 0) await this.flush();
    const record = await this.inner.increment(key, ttl, limit, blockDuration, throttlerName);
    const count = this.counts.get(key);
    if (count) {
      count.shared = record.totalHits;
      count.heard = true;
      count.endsAt = this.now() + record.timeToExpire * 1000;
      count.blockedUntil = record.isBlocked ? this.now() + record.timeToBlockExpire * 1000 : 0;
    }
    return record;
  }

  /**
   * Counts the hit here and answers, when the key is far below its limit; undefined (nothing
   * counted) when the hit must go to `increment`.
   */
  admitLocally(key: string, ttlMs: number, limit: number, throttlerName: string): ThrottlerStorageRecord | undefined {
    if (limit < MIN_LOCAL_LIMIT) return undefined;
    const now = this.now();
    const count = this.countOf(key, ttlMs, throttlerName, now);
    if (!count || count.blockedUntil > now || (!count.heard && count.pending > 0)) return undefined;
    const totalHits = count.shared + count.pending + 1;
    if (totalHits * 2 > limit) return undefined;
    count.pending += 1;
    this.flushSoon();
    return { totalHits, timeToExpire: Math.ceil((count.endsAt - now) / 1000), isBlocked: false, timeToBlockExpire: 0 };
  }

  /** Adds every pending hit to Redis now. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushPending());
    return this.flushing;
  }

  private countOf(key: string, ttlMs: number, name: string, now: number): LocalCount | undefined {
    let count = this.counts.get(key);
    if (!count) {
      if (this.counts.size >= MAX_LOCAL_KEYS) return undefined;
      count = { shared: 0, heard: false, pending: 0, endsAt: now + ttlMs, blockedUntil: 0, ttlMs, name };
      this.counts.set(key, count);
    } else if (count.endsAt <= now) {
      // A new window: what other processes count in it is heard at the next flush.
      count.shared = 0;
      count.heard = false;
      count.endsAt = now + ttlMs;
    }
    return count;
  }

  private flushSoon(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, FLUSH_INTERVAL_MS);
    this.flushTimer.unref();
  }

  private async flushPending(): Promise<void> {
    const now = this.now();
    const batch: { key: string; count: LocalCount; hits: number }[] = [];
    for (const [key, count] of this.counts) {
      if (count.pending > 0) batch.push({ key, count, hits: count.pending });
      else if (count.endsAt <= now) this.counts.delete(key);
    }
    if (batch.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const { key, count, hits } of batch) pipeline.eval(ADD_HITS, 2, `{${key}:${count.name}}:hits`, `{${key}:${count.name}}:blocked`, hits, count.ttlMs);
    // Like FailOpenThrottlerStorage: hits Redis did not take are let through, not retried.
    const results = await pipeline.exec().catch((error: Error) => {
      this.logger.warn(`Rate limit hits not counted (${error.message}); requests were let through`);
      return null;
    });
    for (const [index, { count, hits }] of batch.entries()) {
      count.pending -= hits;
      const [error, reply] = results?.[index] ?? [null, undefined];
      if (error || !Array.isArray(reply)) continue;
      const [total, leftMs, blockedMs] = reply as [number, number, number];
      count.shared = total;
      count.heard = true;
      count.endsAt = this.now() + leftMs;
      count.blockedUntil = blockedMs > 0 ? this.now() + blockedMs : 0;
    }
  }
}
