import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { RedisThrottlerStorage } from '../src/rate-limit/redis-throttler.storage';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MINUTE_MS = 60_000;

/** The rate-limit storage against a real Redis: its script counts, expires and batches there. */
describe('RedisThrottlerStorage', () => {
  const redis = new Redis(REDIS_URL);
  const prefix = `wilow_e2e_rate_${randomBytes(5).toString('hex')}`;
  const logger = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
  let next = 0;
  const newKey = () => `${prefix}:${next++}`;
  const storage = () => new RedisThrottlerStorage(redis, logger);

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('counts every hit of a small limit in Redis, in a window that starts with the first hit', async () => {
    const key = newKey();
    const records = [];
    for (let i = 0; i < 4; i++) records.push(await storage().increment(key, MINUTE_MS, 3));

    expect(records.map((record) => [record.totalHits, record.isBlocked])).toEqual([[1, false], [2, false], [3, false], [4, true]]);
    expect(Number(await redis.get(key))).toBe(4);
    const leftMs = await redis.pttl(key);
    expect(leftMs).toBeGreaterThan(MINUTE_MS - 5_000);
    expect(leftMs).toBeLessThanOrEqual(MINUTE_MS);
    // Refused until the window ends: the Retry-After is what is left of it.
    expect(records[3].timeToBlockExpire).toBe(Math.ceil(leftMs / 1000));
  });

  it('counts hits far below the limit here, and adds them to Redis in one batch', async () => {
    const key = newKey();
    const local = storage();
    await local.increment(key, MINUTE_MS, 100);
    await local.flush();
    expect(Number(await redis.get(key))).toBe(1);

    const records = [];
    for (let i = 0; i < 10; i++) records.push(await local.increment(key, MINUTE_MS, 100));
    expect(records.map((record) => record.totalHits)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(Number(await redis.get(key))).toBe(1);

    await local.flush();
    expect(Number(await redis.get(key))).toBe(11);
  });

  it('hears the other processes’ hits at each batch, and from half the limit counts every hit in Redis', async () => {
    const key = newKey();
    const mine = storage();
    await mine.increment(key, MINUTE_MS, 20);
    await mine.flush();
    const other = storage();
    for (let i = 0; i < 8; i++) await other.increment(key, MINUTE_MS, 20);
    await other.flush();
    expect(Number(await redis.get(key))).toBe(9);

    // Counted here: this process has not heard of the other's hits yet; its batch hears them.
    expect((await mine.increment(key, MINUTE_MS, 20)).totalHits).toBe(2);
    await mine.flush();
    const record = await mine.increment(key, MINUTE_MS, 20);
    expect(record.totalHits).toBe(11);
    expect(Number(await redis.get(key))).toBe(11);
  });

  it('keeps one window per key: a key whose window ended starts again from one', async () => {
    const key = newKey();
    await redis.set(key, 50, 'PX', 1);
    await new Promise((resolve) => setTimeout(resolve, 10));

    const record = await storage().increment(key, MINUTE_MS, 3);
    expect(record.totalHits).toBe(1);
    expect(await redis.pttl(key)).toBeGreaterThan(0);
  });

  it('lets hits through, and says so in the log, while Redis is unreachable', async () => {
    const down = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    const record = await new RedisThrottlerStorage(down, logger).increment(newKey(), MINUTE_MS, 3);

    expect(record.isBlocked).toBe(false);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('request let through'));
    down.disconnect();
  });
});
