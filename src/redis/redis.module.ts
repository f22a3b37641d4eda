import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { InvalidationBus } from './invalidation-bus';
import { RedisSettingsCheck } from './redis-settings.check';

/** Commands fail fast while Redis is away instead of piling up behind a dead connection. */
export function redisOptions() {
  return { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false } as const;
}

@Injectable()
class RedisShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(Redis) private readonly redis: Redis,
    private readonly bus: InvalidationBus,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
    this.redis.disconnect();
  }
}

/** One shared Redis connection for commands (health, rate limits) and the cache invalidation bus. */
@Global()
@Module({
  providers: [
    {
      provide: Redis,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const redis = new Redis(config.redis.url, redisOptions());
        const logger = new Logger('Redis');
        redis.on('error', (error: Error) => logger.warn(`Redis: ${error.message}`));
        return redis;
      },
    },
    {
      provide: InvalidationBus,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new InvalidationBus(config.redis.url, config.redis.prefix),
    },
    RedisShutdown,
    RedisSettingsCheck,
  ],
  exports: [Redis, InvalidationBus],
})
export class RedisModule {}
