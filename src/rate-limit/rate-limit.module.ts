import { ExecutionContext, Logger, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config';
import { FailOpenThrottlerStorage } from './fail-open-throttler.storage';

const MINUTE_MS = 60_000;

export const PER_IP = 'ip';
export const PER_CONVERSATION = 'conversation';

function conversationId(context: ExecutionContext): string | undefined {
  const id = context.switchToHttp().getRequest<Request>().params?.id;
  return id === undefined ? undefined : String(id);
}

/**
 * Widget rate limits, counted in Redis so they hold across API processes: per client IP over the
 * whole widget API, and per conversation over the routes of one conversation.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, Redis],
      useFactory: (config: AppConfig, redis: Redis) => ({
        throttlers: [
          { name: PER_IP, ttl: MINUTE_MS, limit: config.rateLimits.widgetPerIpPerMinute },
          {
            name: PER_CONVERSATION,
            ttl: MINUTE_MS,
            limit: config.rateLimits.widgetPerConversationPerMinute,
            getTracker: (request) => String((request as Request).params.id),
            skipIf: (context) => conversationId(context) === undefined,
          },
        ],
        generateKey: (_context, tracker, throttler) => `${config.redis.prefix}:rate:${throttler}:${tracker}`,
        storage: new FailOpenThrottlerStorage(new ThrottlerStorageRedisService(redis), new Logger('RateLimit')),
      }),
    }),
  ],
  exports: [ThrottlerModule],
})
export class RateLimitModule {}

