import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { LocalFirstThrottlerStorage } from './local-first-throttler.storage';

/** Redis as the storage sees it: hit counts and blocks by key, set through the flush's pipeline. */
class FakeRedis {
  readonly hits = new Map<string, number>();
  readonly blockedMs = new Map<string, number>();
  batches = 0;

  pipeline() {
    const calls: [string, string, number][] = [];
    const pipeline = {
      eval: (_script: string, _keys: number, hitsKey: string, blockedKey: string, hits: number) => {
        calls.push([hitsKey, blockedKey, hits]);
        return pipeline;
      },
      exec: async () => {
        this.batches += 1;
        return calls.map(([hitsKey, blockedKey, hits]) => {
          const total = (this.hits.get(hitsKey) ?? 0) + hits;
          this.hits.set(hitsKey, total);
          return [null, [total, 60_000, this.blockedMs.get(blockedKey) ?? 0]];
        });
      },
    };
    return pipeline;
  }
}

/** The Redis storage's one-hit increment, on the same fake. */
function innerStorage(redis: FakeRedis, limit: number): ThrottlerStorage & { calls: number } {
  return {
    calls: 0,
    async increment(key: string, _ttl: number, _limit: number, _block: number, name: string) {
      this.calls += 1;
      const hitsKey = `{${key}:${name}}:hits`;
      const totalHits = (redis.hits.get(hitsKey) ?? 0) + 1;
      redis.hits.set(hitsKey, totalHits);
      const isBlocked = totalHits > limit;
      return { totalHits, timeToExpire: 60, isBlocked, timeToBlockExpire: isBlocked ? 60 : 0 };
    },
  };
}

describe('LocalFirstThrottlerStorage', () => {
  const logger = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const HITS = '{k:ip}:hits';

  function storage(limit: number) {
    const redis = new FakeRedis();
    const inner = innerStorage(redis, limit);
    const local = new LocalFirstThrottlerStorage(inner, redis as unknown as Redis, logger);
    const hit = () => local.increment('k', 60_000, limit, 60_000, 'ip');
    return { redis, inner, local, hit };
  }

  it('counts hits far below the limit here, and adds them to Redis in one batch', async () => {
    const { redis, inner, local, hit } = storage(100);
    await hit();
    await local.flush();

    const records = [];
    for (let i = 0; i < 10; i++) records.push(await hit());
    expect(records.map((record) => record.totalHits)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(records.every((record) => !record.isBlocked && record.timeToExpire === 60)).toBe(true);
    expect(inner.calls).toBe(0);
    expect(redis.hits.get(HITS)).toBe(1);

    await local.flush();
    expect(redis.hits.get(HITS)).toBe(11);
    expect(redis.batches).toBe(2);
  });

  it('counts only a key’s first hit here until it has heard from Redis about the key', async () => {
    const { redis, inner, hit } = storage(100);
    redis.hits.set(HITS, 70);

    expect((await hit()).totalHits).toBe(1);
    expect((await hit()).totalHits).toBe(72);
    expect(inner.calls).toBe(1);
    expect((await hit()).totalHits).toBe(73);
    expect(inner.calls).toBe(2);
  });

  it('from half the limit on, adds what it counted to Redis, then counts every hit there', async () => {
    const { redis, inner, local, hit } = storage(10);
    await hit();
    await local.flush();

    for (let i = 0; i < 4; i++) await hit();
    expect(inner.calls).toBe(0);
    const sixth = await hit();
    expect(sixth.totalHits).toBe(6);
    expect(redis.hits.get(HITS)).toBe(6);
    for (let i = 0; i < 4; i++) expect((await hit()).isBlocked).toBe(false);
    expect((await hit()).isBlocked).toBe(true);
    expect(inner.calls).toBe(6);
  });

  it('learns the other processes’ hits at each flush and stops counting here near the limit', async () => {
    const { redis, inner, local, hit } = storage(100);
    await hit();
    redis.hits.set(HITS, 60);

    await local.flush();
    expect(redis.hits.get(HITS)).toBe(61);
    expect((await hit()).totalHits).toBe(62);
    expect(inner.calls).toBe(1);
  });

  it('admits nothing here while Redis holds a block for the key', async () => {
    const { redis, local, hit } = storage(100);
    await hit();
    redis.blockedMs.set('{k:ip}:blocked', 30_000);
    await local.flush();

    expect(local.admitLocally('k', 60_000, 100, 'ip')).toBeUndefined();
  });

  it('says no and counts nothing when a hit must go to Redis', () => {
    const { local } = storage(4);

    expect(local.admitLocally('k', 60_000, 4, 'ip')).toBeUndefined();
    const wide = storage(100).local;
    expect(wide.admitLocally('k', 60_000, 100, 'ip')).toBeDefined();
    expect(wide.admitLocally('k', 60_000, 100, 'ip')).toBeUndefined();
  });

  it('counts every hit of a small limit in Redis', async () => {
    const { inner, hit } = storage(3);

    await hit();
    await hit();
    expect(inner.calls).toBe(2);
  });

  it('lets hits through when Redis does not take a batch, as when it is down', async () => {
    const { redis, local, hit } = storage(100);
    redis.pipeline = () => ({ eval: () => undefined, exec: () => Promise.reject(new Error('Connection is closed.')) }) as never;
    await hit();

    await local.flush();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('Connection is closed.'));
    expect((await hit()).totalHits).toBe(1);
  });
});
