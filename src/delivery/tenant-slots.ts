/**
 * A worker's delivery slots (its DELIVERY_CONCURRENCY), shared between tenants per channel. A
 * tenant gets its share at once (see tenantSlotCap); beyond its share it may take more only while
 * no other tenant is delivering here, and never the last share's worth of slots, which stays free
 * for a tenant that arrives. So a tenant alone in the queue is not held to a quarter of the
 * worker (work-conserving), and a tenant that arrives while another's endpoint hangs finds a share
 * free at once and gets the rest as the hung requests end: the other can no longer grow past its
 * share while it is not alone.
 */
export class TenantSlots {
  private readonly byKey = new Map<string, number>();
  private readonly byTenant = new Map<string, number>();
  private total = 0;
  /** Slots never taken beyond a share: free for a tenant that arrives. */
  private readonly reserve: number;
  /** Callers waiting for the next release. */
  private readonly waiters = new Set<() => void>();

  constructor(private readonly concurrency: number) {
    this.reserve = tenantSlotCap(concurrency, true);
  }

  take(tenantId: string, channel: string, tenantEndpoint: boolean): boolean {
    const key = slotKey(tenantId, channel);
    if (this.used(tenantId, channel) >= tenantSlotCap(this.concurrency, tenantEndpoint) && !this.mayExceedShare(tenantId)) return false;
    this.byKey.set(key, this.used(tenantId, channel) + 1);
    this.byTenant.set(tenantId, (this.byTenant.get(tenantId) ?? 0) + 1);
    this.total += 1;
    return true;
  }

  release(tenantId: string, channel: string): void {
    const key = slotKey(tenantId, channel);
    const used = this.byKey.get(key) ?? 0;
    if (used === 0) return;
    decrement(this.byKey, key);
    decrement(this.byTenant, tenantId);
    this.total -= 1;
    for (const wake of [...this.waiters]) wake();
  }

  /**
   * Takes a slot, waiting up to `waitMs` for releases when none is allowed now (each release
   * lets every waiter try again); false when still none is.
   */
  async takeWithin(tenantId: string, channel: string, tenantEndpoint: boolean, waitMs: number): Promise<boolean> {
    const deadline = Date.now() + waitMs;
    while (!this.take(tenantId, channel, tenantEndpoint)) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await this.nextRelease(left);
    }
    return true;
  }

  used(tenantId: string, channel: string): number {
    return this.byKey.get(slotKey(tenantId, channel)) ?? 0;
  }

  private nextRelease(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
    });
  }

  private mayExceedShare(tenantId: string): boolean {
    const othersInUse = this.total - (this.byTenant.get(tenantId) ?? 0);
    return othersInUse === 0 && this.concurrency - this.total > this.reserve;
  }
}

function slotKey(tenantId: string, channel: string): string {
  return `${tenantId}:${channel}`;
}

function decrement(counts: Map<string, number>, key: string): void {
  const left = (counts.get(key) ?? 1) - 1;
  if (left > 0) counts.set(key, left);
  else counts.delete(key);
}

/**
 * One tenant's share of a worker's delivery slots on a channel while other tenants deliver. An
 * endpoint the tenant runs may hang, holding each slot it gets for WEBHOOK_TIMEOUT_MS: without a
 * cap, a burst of its deliveries took every slot and every other tenant waited. A shared service
 * (the mail server) is capped less tightly, so one tenant's burst of emails still leaves room for
 * everyone else's.
 */
export function tenantSlotCap(concurrency: number, tenantEndpoint: boolean): number {
  return Math.max(1, Math.floor(concurrency * (tenantEndpoint ? 1 / 4 : 1 / 2)));
}
