import { DEFER_DELAY_MS, DeliveryDeferred, deliveryRetryDelay, jitteredExponentialDelay, RetryLater } from './delivery-jobs';

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

  const policy = { baseMs: 200, honoursRetryAfter: true };

  it('backs a failure off exponentially from the channel\'s base', () => {
    expect(deliveryRetryDelay(policy, 3, new RetryLater('ECONNREFUSED'), middle)).toBe(800);
  });

  it('waits as long as the peer said when the channel honours Retry-After', () => {
    expect(deliveryRetryDelay(policy, 3, new RetryLater('HTTP 429', 30_000), middle)).toBe(30_000);
  });

  it('ignores Retry-After for a channel that does not honour it', () => {
    expect(deliveryRetryDelay({ ...policy, honoursRetryAfter: false }, 3, new RetryLater('HTTP 429', 30_000), middle)).toBe(800);
  });

  it('puts a deferred job back after a short delay, whatever its attempts', () => {
    expect(deliveryRetryDelay({ baseMs: 7000, honoursRetryAfter: false }, 0, new DeliveryDeferred(), middle)).toBe(DEFER_DELAY_MS);
    expect(deliveryRetryDelay({ baseMs: 7000, honoursRetryAfter: true }, 6, new DeliveryDeferred(), middle)).toBe(DEFER_DELAY_MS);
  });

  it('keeps no stack for a deferral: Bull stores the stack of every failure with the job', () => {
    expect(new DeliveryDeferred().stack).toBe('');
  });
});
