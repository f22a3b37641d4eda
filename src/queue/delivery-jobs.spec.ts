import { jitteredExponentialDelay } from './delivery-jobs';

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
