/** Who a request acts for, as established by an authentication guard. */
export interface TenantContext {
  id: string;
  name: string;
  /** Set by Wilow's operators. */
  handoffEntitled: boolean;
  /** The tenant admin's toggle. */
  handoffEnabled: boolean;
  /** Sites allowed to use the widget key; empty allows every site. */
  allowedOrigins: readonly string[];
}

/** Visitors may ask for a person only when Wilow entitles the tenant AND its admin switched handoff on. */
export function isHandoffAvailable(tenant: TenantContext): boolean {
  return tenant.handoffEntitled && tenant.handoffEnabled;
}
