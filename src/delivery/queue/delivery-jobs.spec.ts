import { DEFER_DELAY_MS, DeliveryDeferred, deliveryRetryDelay, isExpectedRequeue, jitteredExponentialDelay, RetryLater } from './delivery-jobs';

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

  it('backs a failure off exponentially from the channel\'s base, by the delivery\'s own attempts', () => {
    expect(deliveryRetryDelay(policy, 40, new RetryLater('ECONNREFUSED', 3), middle)).toBe(800);
    expect(deliveryRetryDelay(policy, 1, new RetryLater('ECONNREFUSED', 1), middle)).toBe(200);
  });

  it('waits as long as the peer said when the channel honours Retry-After', () => {
    expect(deliveryRetryDelay(policy, 3, new RetryLater('answered 429', 3, 30_000), middle)).toBe(30_000);
  });

  it('ignores Retry-After for a channel that does not honour it', () => {
    expect(deliveryRetryDelay({ ...policy, honoursRetryAfter: false }, 3, new RetryLater('answered 429', 3, 30_000), middle)).toBe(800);
  });

  it('brings an unexpected failure back after at least the deferral delay, growing with the job\'s runs', () => {
    expect(deliveryRetryDelay(policy, 1, new Error('connection terminated'), middle)).toBe(DEFER_DELAY_MS);
    expect(deliveryRetryDelay(policy, 3, new Error('connection terminated'), middle)).toBe(4 * DEFER_DELAY_MS);
  });

  it('puts a deferred job back after a short delay, whatever its attempts', () => {
    expect(deliveryRetryDelay({ baseMs: 7000, honoursRetryAfter: false }, 0, new DeliveryDeferred(), middle)).toBe(DEFER_DELAY_MS);
    expect(deliveryRetryDelay({ baseMs: 7000, honoursRetryAfter: true }, 6, new DeliveryDeferred(), middle)).toBe(DEFER_DELAY_MS);
  });

  it('keeps no stack for a deferral or a retry: Bull stores the stack of every failure with the job', () => {
    expect(new DeliveryDeferred().stack).toBe('');
    expect(new RetryLater('answered 503', 2).stack).toBe('');
  });

  it('tells the processor\'s expected ways back to the queue from real failures', () => {
    expect(isExpectedRequeue(new DeliveryDeferred())).toBe(true);
    expect(isExpectedRequeue(new RetryLater('answered 503', 2))).toBe(true);
    expect(isExpectedRequeue(new Error('connection terminated'))).toBe(false);
  });
});
