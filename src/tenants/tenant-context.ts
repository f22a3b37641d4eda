/** Who a request acts for, as established by an authentication guard. */
export interface TenantContext {
  id: string;
  name: string;
  handoffEntitled: boolean;
}
