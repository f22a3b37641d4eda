import { DeliveryChannel, RetryPolicy } from '../channels/delivery-channel';
import { deliveryJob } from './delivery-jobs.factory';

function channelWith(retryPolicy: RetryPolicy): DeliveryChannel {
  return { retryPolicy } as DeliveryChannel;
}

const email = channelWith({ attempts: 10, backoffBaseMs: 7_000, honoursRetryAfter: false, repeatsSafely: true });

describe('deliveryJob', () => {
  it('asks the queue for the delivery\'s job with its channel\'s backoff', () => {
    expect(deliveryJob({ id: 'd1' }, email)).toEqual({ id: 'd1', backoff: { baseMs: 7_000, honoursRetryAfter: false } });
  });

  it('backs off from a second for a channel that is no longer registered', () => {
    expect(deliveryJob({ id: 'd1' }, undefined)).toEqual({ id: 'd1', backoff: { baseMs: 1_000, honoursRetryAfter: false } });
  });
});
