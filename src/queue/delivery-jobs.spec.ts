import { DEFER_DELAY_MS, DeliveryDeferred, deliveryRetryDelay, jitteredExponentialDelay } from './delivery-jobs';

describe('jitteredExponentialDelay', () => {
  it('doubles from the base on each attempt', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4].map((n) => jitteredExponentialDelay(1000, n, middle))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('spreads retries by ±25% so a recovering server is not hit all at once', () => {
    expect(jitteredExponentialDelay(1000, 3, () => 0)).toBe(3000);
    expect(jitteredExponentialDelay(1000, 3, () => 0.999999)).toBe(5000);
  });
});

describe('deliveryRetryDelay', () => {
  const middle = () => 0.5;

  it('backs a failure off exponentially from the base', () => {
    expect(deliveryRetryDelay(200, 3, new Error('ECONNREFUSED'), middle)).toBe(800);
  });

  it('puts a deferred job back after a short delay, whatever its attempts', () => {
    expect(deliveryRetryDelay(7000, 0, new DeliveryDeferred(), middle)).toBe(DEFER_DELAY_MS);
    expect(deliveryRetryDelay(7000, 6, new DeliveryDeferred(), middle)).toBe(DEFER_DELAY_MS);
  });

  it('keeps no stack for a deferral: Bull stores the stack of every failure with the job', () => {
    expect(new DeliveryDeferred().stack).toBe('');
  });
});
