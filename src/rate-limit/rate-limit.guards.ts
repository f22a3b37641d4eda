import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { RateLimits } from './rate-limit.names';

/**
 * A throttler guard that applies only the named limits. Each phase of a request runs its own:
 * client IP limits before authentication (so floods stay cheap), conversation and tenant limits
 * after it (they must not be spent by someone who cannot authenticate, and need the tenant). A
 * refusal carries `Retry-After`: the seconds until the limit lets requests through.
 */
abstract class NamedLimitsGuard extends ThrottlerGuard {
  protected abstract readonly limitNames: readonly string[];

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = this.throttlers.filter((throttler) => this.limitNames.includes(throttler.name ?? ''));
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfterSeconds = Math.max(1, detail.timeToBlockExpire);
    context.switchToHttp().getResponse<FastifyReply>().header('Retry-After', String(retryAfterSeconds));
    return super.throwThrottlingException(context, detail);
  }
}

/** Per client IP, over the whole widget API, before authentication. */
@Injectable()
export class WidgetIpRateLimitGuard extends NamedLimitsGuard {
  protected readonly limitNames = [RateLimits.widgetPerIp];
}

/** Per conversation, once the visitor token has shown the request is the conversation's visitor's. */
@Injectable()
export class ConversationRateLimitGuard extends NamedLimitsGuard {
  protected readonly limitNames = [RateLimits.widgetPerConversation];
}

/** Per tenant, on the routes marked with the limit that counts them. */
@Injectable()
export class TenantRateLimitGuard extends NamedLimitsGuard {
  protected readonly limitNames = [RateLimits.tenantConversations, RateLimits.tenantHandoffs, RateLimits.adminSends, RateLimits.tenantReplies];
}

/** Per helpdesk inbound address, before the address is looked up, so a flood costs no query. */
@Injectable()
export class InboundAddressRateLimitGuard extends NamedLimitsGuard {
  protected readonly limitNames = [RateLimits.inboundPerAddress];
}
