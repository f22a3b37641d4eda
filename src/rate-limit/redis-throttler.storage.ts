import type { LoggerService } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';

/** What a throttler storage answers for a hit (named through the public interface). */
export type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How often hits counted locally are added to the shared count. */
export const FLUSH_INTERVAL_MS = 100;
/** Below this limit every hit is counted in Redis at once: a few hits are already half of it. */
const MIN_LOCAL_LIMIT = 10;
/** Keys tracked locally at most (client IPs, conversations, tenants of the current minute). */
const MAX_LOCAL_KEYS = 100_000;

/**
 * Adds ARGV[1] hits to the count at KEYS[1], whose window of ARGV[2] ms starts with its first
 * hit; returns the count and the milliseconds left in the window. One key per limit and tracker.
 */
export const ADD_HITS_SCRIPT = `
local total = redis.call('INCRBY', KEYS[1], ARGV[1])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  left = tonumber(ARGV[2])
end
return { total, left }`;

interface LocalCount {
  /** The shared count in Redis when last heard from. */
  shared: number;
  /** Whether Redis was heard from in this window (else `shared` is 0, a guess). */
  heard: boolean;
  /** Hits admitted here since, not yet added to Redis. */
  pending: number;
  /** When the window ends (ms since the epoch). */
  endsAt: number;
  ttlMs: number;
}

/**
 * Rate-limit counts in Redis, shared by every API process: a fixed window per limit and tracker
 * (client IP, conversation, tenant) that starts with its first hit; over the limit, requests are
 * refused until the window ends (the Retry-After).
 *
 * Far from its limit, a key's hits are counted here and added to Redis within FLUSH_INTERVAL_MS,
 * in one batch: such a request costs no Redis round trip. A key's first hit in a window is counted
 * here; until Redis has been heard from about it (the batch, or the next hit, which goes to Redis),
 * no other. Once its count (as last heard from Redis, plus the hits admitted here since) reaches
 * half its limit, every hit goes to Redis. So a client overruns a limit only by sending more than
 * half of it to several processes within one flush interval, and then by less than half the limit
 * per process.
 *
 * While Redis is unreachable requests are let through: a visitor asking for a person matters more
 * than a rate limit, and the limit is back as soon as Redis is.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly counts = new Map<string, LocalCount>();
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly redis: Redis,
    private readonly logger: LoggerService,
    private readonly now: () => number = Date.now,
  ) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerRecord> {
    const local = this.admitLocally(key, ttl, limit);
    if (local) return local;
    // Near the limit: what was counted here goes to Redis first, then this hit, exactly.
    if ((this.counts.get(key)?.pending ?? 0) > 0) await this.flush();
    try {
      const [total, leftMs] = (await this.redis.eval(ADD_HITS_SCRIPT, 1, key, 1, ttl)) as [number, number];
      this.heard(key, total, leftMs);
      return record(total, leftMs, limit);
    } catch (error) {
      this.logger.warn(`Rate limit not counted (${(error as Error).message}); request let through`);
      return record(0, ttl, limit);
    }
  }

  /** Adds every pending hit to Redis now. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushPending());
    return this.flushing;
  }

  /** Counts the hit here and answers, when the key is far below its limit; undefined (nothing counted) otherwise. */
  private admitLocally(key: string, ttlMs: number, limit: number): ThrottlerRecord | undefined {
    if (limit < MIN_LOCAL_LIMIT) return undefined;
    const now = this.now();
    const count = this.countOf(key, ttlMs, now);
    if (!count || (!count.heard && count.pending > 0)) return undefined;
    const totalHits = count.shared + count.pending + 1;
    if (totalHits * 2 > limit) return undefined;
    count.pending += 1;
    this.flushSoon();
    return record(totalHits, count.endsAt - now, limit);
  }

  private countOf(key: string, ttlMs: number, now: number): LocalCount | undefined {
    let count = this.counts.get(key);
    if (!count) {
      if (this.counts.size >= MAX_LOCAL_KEYS) return undefined;
      count = { shared: 0, heard: false, pending: 0, endsAt: now + ttlMs, ttlMs };
      this.counts.set(key, count);
    } else if (count.endsAt <= now) {
      // A new window: what other processes count in it is heard at the next flush.
      count.shared = 0;
      count.heard = false;
      count.endsAt = now + ttlMs;
    }
    return count;
  }

  private heard(key: string, total: number, leftMs: number): void {
    const count = this.counts.get(key);
    if (!count) return;
    count.shared = total;
    count.heard = true;
    count.endsAt = this.now() + leftMs;
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
    for (const { key, count, hits } of batch) pipeline.eval(ADD_HITS_SCRIPT, 1, key, hits, count.ttlMs);
    // Hits Redis did not take were let through already: they are not retried.
    const results = await pipeline.exec().catch((error: Error) => {
      this.logger.warn(`Rate limit hits not counted (${error.message}); requests were let through`);
      return null;
    });
    for (const [index, { key, count, hits }] of batch.entries()) {
      count.pending -= hits;
      const [error, reply] = results?.[index] ?? [null, undefined];
      if (!error && Array.isArray(reply)) this.heard(key, ...(reply as [number, number]));
    }
  }
}

/** Over the limit, the client waits for the window to end. */
function record(totalHits: number, leftMs: number, limit: number): ThrottlerRecord {
  const timeToExpire = Math.max(1, Math.ceil(leftMs / 1000));
  const isBlocked = totalHits > limit;
  return { totalHits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
}
