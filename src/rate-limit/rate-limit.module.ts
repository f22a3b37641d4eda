import { Logger, Module } from '@nestjs/common';
import { ThrottlerModule, ThrottlerOptions } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import type { TenantRequest } from '../tenants/guards/tenant-request';
import { MINUTE_MS, rateLimitKey } from './rate-limit-keys';
import { sha256Hex } from '../common/crypto/tokens';
import { RateLimits, TENANT_RATE_LIMIT, TenantRateLimitName } from './rate-limit.names';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/** The conversation of the route's path (`:id`), if it names one. */
function conversationId(request: FastifyRequest): string | undefined {
  const id = (request.params as { id?: unknown } | undefined)?.id;
  return id === undefined ? undefined : String(id);
}

/** The inbound address of the route (its token hashed: Redis keys are no place for a credential). */
function inboundAddress(request: FastifyRequest): string {
  const { channel, token } = (request.params ?? {}) as { channel?: unknown; token?: unknown };
  return `${String(channel)}:${sha256Hex(String(token))}`;
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

/**
 * Rate limits, counted in Redis so they hold across API processes: per client IP over the whole
 * widget API, per conversation over the routes of one conversation, and per tenant on what costs
 * the most or reaches the outside (conversations opened, handoffs created, admin sends). Far below
 * a limit, hits are counted locally and added to Redis in batches (RedisThrottlerStorage).
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
            getTracker: (request) => conversationId(request as FastifyRequest) ?? '',
            skipIf: (context) => conversationId(context.switchToHttp().getRequest<FastifyRequest>()) === undefined,
          },
          perTenant(RateLimits.tenantConversations, config.rateLimits.tenantConversationsPerMinute),
          perTenant(RateLimits.tenantHandoffs, config.rateLimits.tenantHandoffsPerMinute),
          perTenant(RateLimits.adminSends, config.rateLimits.adminSendsPerMinute),
          perTenant(RateLimits.tenantReplies, config.rateLimits.tenantRepliesPerMinute),
          {
            name: RateLimits.inboundPerAddress,
            ttl: MINUTE_MS,
            limit: config.rateLimits.inboundPerAddressPerMinute,
            getTracker: (request) => inboundAddress(request as FastifyRequest),
          },
        ],
        generateKey: (_context, tracker, throttler) => rateLimitKey(config, throttler, tracker),
        storage: new RedisThrottlerStorage(redis, new Logger('RateLimit')),
      }),
    }),
  ],
  exports: [ThrottlerModule],
})
export class RateLimitModule {}
