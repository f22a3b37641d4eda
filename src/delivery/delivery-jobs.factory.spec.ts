import { DeliveryChannel, RetryPolicy } from '../channels/delivery-channel';
import { attemptLimit, deliveryJob, INTERNAL_FAILURE_ATTEMPTS } from './delivery-jobs.factory';

function channelWith(retryPolicy: RetryPolicy): DeliveryChannel {
  return { retryPolicy } as DeliveryChannel;
}

const email = channelWith({ attempts: 10, backoffBaseMs: 7_000, honoursRetryAfter: false });
const webhook = channelWith({ attempts: 1, backoffBaseMs: 0, honoursRetryAfter: false });

describe('attemptLimit', () => {
  it('is the budget stored on the delivery, else its channel\'s policy', () => {
    expect(attemptLimit({ maxAttempts: 3 }, email)).toBe(3);
    expect(attemptLimit({ maxAttempts: null }, email)).toBe(10);
    expect(attemptLimit({ maxAttempts: null }, undefined)).toBe(1);
  });

  it('gives our own failures a few tries even on a channel that never retries', () => {
    expect(attemptLimit({ maxAttempts: 1 }, webhook, true)).toBe(INTERNAL_FAILURE_ATTEMPTS);
    expect(attemptLimit({ maxAttempts: 10 }, email, true)).toBe(10);
  });
});

describe('deliveryJob', () => {
  it('asks the queue for the tries left and the channel\'s backoff', () => {
    expect(deliveryJob({ id: 'd1', attempts: 3, maxAttempts: 10 }, email)).toEqual({
      id: 'd1',
      attempts: 7,
      backoff: { baseMs: 7_000, honoursRetryAfter: false },
    });
  });

  it('always leaves at least one try, so a delivery the sweep requeues is attempted', () => {
    expect(deliveryJob({ id: 'd1', attempts: 4, maxAttempts: 1 }, webhook).attempts).toBe(1);
    expect(deliveryJob({ id: 'd1', attempts: 0, maxAttempts: null }, undefined).attempts).toBe(1);
  });
});
