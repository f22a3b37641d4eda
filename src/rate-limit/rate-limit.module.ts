import { ExecutionContext, Logger, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config';
import type { TenantRequest } from '../tenants/guards/tenant-request';
import { FailOpenThrottlerStorage } from './fail-open-throttler.storage';

const MINUTE_MS = 60_000;

export const PER_IP = 'ip';
export const PER_CONVERSATION = 'conversation';
export const PER_TENANT_TEST = 'tenant-test';
/** Marks the admin routes counted by the per-tenant Test-button limit. */
export const TEST_BUTTON_ROUTE = 'rate-limit:test-button';
const TEST_BUTTONS_PER_MINUTE = 10;

function conversationId(context: ExecutionContext): string | undefined {
  const id = context.switchToHttp().getRequest<Request>().params?.id;
  return id === undefined ? undefined : String(id);
}

/**
 * Rate limits, counted in Redis so they hold across API processes: per client IP over the whole
 * widget API, per conversation over the routes of one conversation, and per tenant on the admin
 * Test buttons (each sends a real email or request).
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
          {
            name: PER_TENANT_TEST,
            ttl: MINUTE_MS,
            limit: TEST_BUTTONS_PER_MINUTE,
            getTracker: (request) => String((request as TenantRequest).tenant?.id),
            skipIf: (context) => !Reflect.getMetadata(TEST_BUTTON_ROUTE, context.getHandler()),
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

