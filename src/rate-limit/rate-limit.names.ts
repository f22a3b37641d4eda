/** Names of the rate limits (throttlers); each is counted in Redis under its own key space. */
export const RateLimits = {
  /** Per client IP, over the whole widget API. */
  widgetPerIp: 'ip',
  /** Per conversation, over the routes of one conversation. */
  widgetPerConversation: 'conversation',
  /** Per tenant: conversations opened. */
  tenantConversations: 'tenant-conversations',
  /** Per tenant: handoffs created. */
  tenantHandoffs: 'tenant-handoffs',
  /** Per tenant: the admin sends (Test buttons and redeliveries together), each a real email or request. */
  adminSends: 'tenant-admin-sends',
  /** Per tenant: agents' replies to visitors. */
  tenantReplies: 'tenant-replies',
  /** Per helpdesk inbound address, over the requests to it. */
  inboundPerAddress: 'inbound-address',
} as const;

/** The limits counted per tenant, once an authentication guard has named the tenant. */
export type TenantRateLimitName =
  | typeof RateLimits.tenantConversations
  | typeof RateLimits.tenantHandoffs
  | typeof RateLimits.adminSends
  | typeof RateLimits.tenantReplies;

/** Route metadata: which per-tenant limit counts the route. */
export const TENANT_RATE_LIMIT = 'rate-limit:tenant';
