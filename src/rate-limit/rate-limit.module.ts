import { ExecutionContext, Logger, Module } from '@nestjs/common';
import { ThrottlerModule, ThrottlerOptions } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config';
import type { TenantRequest } from '../tenants/guards/tenant-request';
import { FailOpenThrottlerStorage } from './fail-open-throttler.storage';
import { LocalFirstThrottlerStorage } from './local-first-throttler.storage';
import { MINUTE_MS, rateLimitKey } from './rate-limit-keys';
import { RateLimits, TENANT_RATE_LIMIT, TenantRateLimitName } from './rate-limit.names';
import { WidgetIpLimit } from './widget-ip-limit';

function conversationId(context: ExecutionContext): string | undefined {
  const id = context.switchToHttp().getRequest<Request>().params?.id;
  return id === undefined ? undefined : String(id);
}

/** A per-tenant limit, counted only on the routes marked with its name. */
function perTenant(name: TenantRateLimitName, limit: number): ThrottlerOptions {
  return {
    name,
    ttl: MINUTE_MS,
    limit,
    getTracker: (request) => String((request as TenantRequest).tenant.id),
    skipIf: (context) => Reflect.getMetadata(TENANT_RATE_LIMIT, context.getHandler()) !== name,
  };
}

function localFirstStorage(redis: Redis): LocalFirstThrottlerStorage {
  const logger = new Logger('RateLimit');
  return new LocalFirstThrottlerStorage(new FailOpenThrottlerStorage(new ThrottlerStorageRedisService(redis), logger), redis, logger);
}

/**
 * Rate limits, counted in Redis so they hold across API processes: per client IP over the whole
 * widget API, per conversation over the routes of one conversation, and per tenant on what costs
 * the most or reaches the outside (conversations opened, handoffs created, admin sends). Far below
 * a limit, hits are counted locally and added to Redis in batches (LocalFirstThrottlerStorage).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, Redis],
      useFactory: (config: AppConfig, redis: Redis) => ({
        throttlers: [
          { name: RateLimits.widgetPerIp, ttl: MINUTE_MS, limit: config.rateLimits.widgetPerIpPerMinute },
          {
            name: RateLimits.widgetPerConversation,
            ttl: MINUTE_MS,
            limit: config.rateLimits.widgetPerConversationPerMinute,
            getTracker: (request) => String((request as Request).params.id),
            skipIf: (context) => conversationId(context) === undefined,
          },
          perTenant(RateLimits.tenantConversations, config.rateLimits.tenantConversationsPerMinute),
          perTenant(RateLimits.tenantHandoffs, config.rateLimits.tenantHandoffsPerMinute),
          perTenant(RateLimits.adminSends, config.rateLimits.adminSendsPerMinute),
          perTenant(RateLimits.tenantReplies, config.rateLimits.tenantRepliesPerMinute),
        ],
        generateKey: (_context, tracker, throttler) => rateLimitKey(config, throttler, tracker),
        storage: localFirstStorage(redis),
      }),
    }),
  ],
  providers: [WidgetIpLimit],
  exports: [ThrottlerModule, WidgetIpLimit],
})
export class RateLimitModule {}
