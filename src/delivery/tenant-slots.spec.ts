import { TenantSlots, tenantSlotCap } from './tenant-slots';

describe('TenantSlots', () => {
  /** Takes slots until refused; how many it got. */
  function fill(slots: TenantSlots, tenantId: string, channel = 'webhook', tenantEndpoint = true): number {
    let taken = 0;
    while (taken < 100 && slots.take(tenantId, channel, tenantEndpoint)) taken += 1;
    return taken;
  }

  it('lets a tenant alone take all but a share of the slots, not just its own share', () => {
    const slots = new TenantSlots(20);
    expect(fill(slots, 'a')).toBe(15);
    expect(slots.used('a', 'webhook')).toBe(15);
  });

  it('holds a tenant to its share while another tenant is delivering', () => {
    const slots = new TenantSlots(20);
    expect(slots.take('b', 'webhook', true)).toBe(true);
    expect(fill(slots, 'a')).toBe(5);
  });

  it('gives a tenant that arrives its share at once while another holds every slot it may', () => {
    const slots = new TenantSlots(20);
    fill(slots, 'hung');
    expect(fill(slots, 'b')).toBe(5);
  });

  it('stops a tenant beyond its share from growing once another tenant delivers, until that one is done', () => {
    const slots = new TenantSlots(20);
    fill(slots, 'a');
    slots.take('b', 'webhook', true);
    for (let i = 0; i < 12; i++) slots.release('a', 'webhook');
    expect(fill(slots, 'a')).toBe(2);
    slots.release('b', 'webhook');
    expect(fill(slots, 'a')).toBe(10);
  });

  it('gives each channel its share, and counts a tenant’s channels together as one tenant', () => {
    const slots = new TenantSlots(20);
    expect(fill(slots, 'a', 'email', false)).toBe(15);
    expect(fill(slots, 'a', 'webhook')).toBe(5);
    const shared = new TenantSlots(20);
    shared.take('b', 'webhook', true);
    expect(fill(shared, 'a', 'email', false)).toBe(10);
    expect(fill(shared, 'a', 'webhook')).toBe(5);
  });

  it('frees a slot on release and never counts below zero', () => {
    const slots = new TenantSlots(4);
    slots.release('a', 'webhook');
    expect(fill(slots, 'a')).toBe(3);
    slots.release('a', 'webhook');
    expect(slots.used('a', 'webhook')).toBe(2);
    expect(slots.take('a', 'webhook', true)).toBe(true);
  });

  it('lets a caller wait for a slot: it gets one when a release allows it, or false after the wait', async () => {
    const slots = new TenantSlots(20);
    slots.take('b', 'webhook', true);
    fill(slots, 'a');

    const waiting = slots.takeWithin('a', 'webhook', true, 5_000);
    slots.release('a', 'webhook');
    await expect(waiting).resolves.toBe(true);
    await expect(slots.takeWithin('a', 'webhook', true, 20)).resolves.toBe(false);
    expect(slots.used('a', 'webhook')).toBe(5);
  });

  it('leaves a tenant one slot when the worker has one', () => {
    const slots = new TenantSlots(1);
    expect(fill(slots, 'a')).toBe(1);
    slots.release('a', 'webhook');
    expect(fill(slots, 'b')).toBe(1);
  });
});

describe('tenantSlotCap', () => {
  it('gives a tenant a quarter of the slots on its own endpoint and half on a shared service', () => {
    expect(tenantSlotCap(20, true)).toBe(5);
    expect(tenantSlotCap(20, false)).toBe(10);
  });

  it('always leaves a tenant at least one slot', () => {
    expect(tenantSlotCap(1, true)).toBe(1);
    expect(tenantSlotCap(3, false)).toBe(1);
  });
});
