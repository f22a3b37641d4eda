import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';
import { RateLimits } from './rate-limit.names';

/**
 * A throttler guard that applies only the named limits. Each phase of a request runs its own:
 * client limits before authentication (so floods stay cheap), tenant limits after it (they need
 * the tenant). A refusal carries `Retry-After`: the seconds until the limit lets requests through.
 */
abstract class NamedLimitsGuard extends ThrottlerGuard {
  protected abstract readonly limitNames: readonly string[];

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = this.throttlers.filter((throttler) => this.limitNames.includes(throttler.name ?? ''));
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfterSeconds = Math.max(1, detail.timeToBlockExpire);
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfterSeconds));
    return super.throwThrottlingException(context, detail);
  }
}

/** Per client IP and per conversation, on the widget API. */
@Injectable()
export class ClientRateLimitGuard extends NamedLimitsGuard {
  protected readonly limitNames = [RateLimits.widgetPerIp, RateLimits.widgetPerConversation];
}

/** Per tenant, on the routes marked with the limit that counts them. */
@Injectable()
export class TenantRateLimitGuard extends NamedLimitsGuard {
  protected readonly limitNames = [RateLimits.tenantConversations, RateLimits.tenantHandoffs, RateLimits.adminSends, RateLimits.tenantReplies];
}
