/** Slots in use per key (a tenant on a channel) in this process, up to a cap per key. */
export class SlotCounter {
  private readonly inUse = new Map<string, number>();

  constructor(readonly cap: number) {}

  take(key: string): boolean {
    const used = this.inUse.get(key) ?? 0;
    if (used >= this.cap) return false;
    this.inUse.set(key, used + 1);
    return true;
  }

  release(key: string): void {
    const used = (this.inUse.get(key) ?? 1) - 1;
    if (used > 0) this.inUse.set(key, used);
    else this.inUse.delete(key);
  }

  used(key: string): number {
    return this.inUse.get(key) ?? 0;
  }
}

/**
 * One tenant's share of a worker's delivery slots on a channel. An endpoint the tenant runs may
 * hang, holding each slot it gets for WEBHOOK_TIMEOUT_MS: without a cap, a burst of its deliveries
 * took every slot and every other tenant waited. A shared service (the mail server) is capped
 * less tightly, so one tenant's burst of emails still leaves room for everyone else's.
 */
export function tenantSlotCap(concurrency: number, tenantEndpoint: boolean): number {
  return Math.max(1, Math.floor(concurrency * (tenantEndpoint ? 1 / 4 : 1 / 2)));
}
