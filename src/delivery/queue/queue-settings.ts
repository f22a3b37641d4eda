import { BullModule } from '@nestjs/bull';
import type { AdvancedSettings } from 'bull';
import type { RedisOptions } from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { DELIVERY_QUEUE, DeliveryBackoffOptions, deliveryRetryDelay, JITTERED_EXPONENTIAL } from './delivery-jobs';

/**
 * Bull's locks and stall detection bring back the jobs of a worker that died mid-attempt: a running
 * job's lock is renewed every `lockDuration / 2`; once a dead worker's lock has expired, the next
 * stall check (every `stalledInterval`) puts the job back in line. With these values a killed
 * worker's jobs run again within about 15 s (Bull's defaults, 30 s and 30 s, took up to 90 s).
 * A live worker loses a lock only if its event loop is blocked or Redis is unreachable for 5 s
 * (deliveries are I/O-bound); the job then runs twice, which dedupe on handoffId absorbs.
 */
export const QUEUE_LOCK_SETTINGS = { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 1 } as const;

/**
 * Bull's own Redis connections. They reconnect within 2 s of Redis coming back (Bull's default
 * backs off to 20 s between attempts, which left workers idle long after an outage), and a
 * command of the non-blocking connection (adding a job, counting, completing) fails after three
 * reconnection attempts instead of waiting through twenty. Bull forces the blocking connections
 * (the one waiting for jobs, the event subscriber) to wait indefinitely: they resume on reconnection.
 */
export function bullRedisOptions(): RedisOptions {
  return { retryStrategy: (times: number) => Math.min(times * 100, 2_000), maxRetriesPerRequest: 3 };
}

/** Bull on Redis, and the delivery queue: each job carries its channel's backoff in its options. */
export const deliveryQueueImports = [
  BullModule.forRootAsync({
    inject: [AppConfig],
    useFactory: (config: AppConfig) => ({ url: config.redis.url, prefix: config.redis.prefix, redis: bullRedisOptions() }),
  }),
  BullModule.registerQueueAsync({
    name: DELIVERY_QUEUE,
    useFactory: () => ({
      settings: {
        ...QUEUE_LOCK_SETTINGS,
        backoffStrategies: {
          [JITTERED_EXPONENTIAL]: (attemptsMade: number, error?: Error, options?: DeliveryBackoffOptions) =>
            deliveryRetryDelay(options ?? { baseMs: 1_000, honoursRetryAfter: false }, attemptsMade, error),
        },
      } satisfies AdvancedSettings,
    }),
  }),
];
