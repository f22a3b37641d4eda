import { applyDecorators, HttpStatus, SetMetadata, UseGuards } from '@nestjs/common';
import { ErrorCode } from '../common/errors/error-code';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { ConversationRateLimitGuard, InboundAddressRateLimitGuard, TenantRateLimitGuard, WidgetIpRateLimitGuard } from './rate-limit.guards';
import { RateLimits, TENANT_RATE_LIMIT, TenantRateLimitName } from './rate-limit.names';

/**
 * The widget API's limit per client IP (429 with Retry-After when exceeded). Place it below the
 * authentication decorator: it runs before it, so a flood of bad keys or tokens stays cheap.
 */
export function WidgetIpRateLimit() {
  return applyDecorators(UseGuards(WidgetIpRateLimitGuard), ApiErrors(HttpStatus.TOO_MANY_REQUESTS));
}

/**
 * The limit per conversation (429 with Retry-After, documented with the per-IP limit every
 * conversation route has too). Place it above `VisitorAuth()`: it runs after the visitor token was
 * checked, so someone who learns a conversation's id cannot spend its visitor's allowance.
 */
export function ConversationRateLimit() {
  return UseGuards(ConversationRateLimitGuard);
}

/**
 * Counts the route against one per-tenant limit (429 with Retry-After when exceeded). Place it
 * above the route's other guards: it runs after them, once the tenant is known, and counts only
 * requests that got that far.
 */
export function TenantRateLimit(name: TenantRateLimitName) {
  return applyDecorators(
    SetMetadata(TENANT_RATE_LIMIT, name),
    UseGuards(TenantRateLimitGuard),
    ApiErrors({
      status: HttpStatus.TOO_MANY_REQUESTS,
      description: `Over the workspace's limit of ${WHAT_IS_COUNTED[name]} a minute (\`${ErrorCode.RateLimited}\`); see Retry-After.`,
    }),
  );
}

const WHAT_IS_COUNTED: Record<TenantRateLimitName, string> = {
  [RateLimits.tenantConversations]: 'conversations opened',
  [RateLimits.tenantHandoffs]: 'handoffs created',
  [RateLimits.adminSends]: 'admin sends (Test buttons and redeliveries together)',
  [RateLimits.tenantReplies]: "agents' replies",
};

/** An admin route that sends a real email or request now (Test buttons, redeliveries): one shared per-tenant limit. */
export function AdminSendRateLimit() {
  return TenantRateLimit(RateLimits.adminSends);
}

/** A helpdesk inbound address's limit (429 with Retry-After when exceeded), counted per address. */
export function InboundAddressRateLimit() {
  return applyDecorators(
    UseGuards(InboundAddressRateLimitGuard),
    ApiErrors({ status: HttpStatus.TOO_MANY_REQUESTS, description: `Over the address's limit of requests a minute (\`${ErrorCode.RateLimited}\`); see Retry-After.` }),
  );
}
