import { SlotCounter, tenantSlotCap } from './tenant-slots';

describe('SlotCounter', () => {
  it('gives each key up to the cap, independently of other keys', () => {
    const slots = new SlotCounter(2);
    expect([slots.take('a'), slots.take('a'), slots.take('a')]).toEqual([true, true, false]);
    expect(slots.take('b')).toBe(true);
    expect(slots.used('a')).toBe(2);
  });

  it('frees a slot on release, and forgets a key with none in use', () => {
    const slots = new SlotCounter(1);
    slots.take('a');
    slots.release('a');
    expect(slots.used('a')).toBe(0);
    expect(slots.take('a')).toBe(true);
  });

  it('never counts below zero when released more than taken', () => {
    const slots = new SlotCounter(1);
    slots.release('a');
    expect(slots.take('a')).toBe(true);
    expect(slots.take('a')).toBe(false);
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
