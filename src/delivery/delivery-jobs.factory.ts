import { DeliveryChannel } from '../channels/delivery-channel';
import { Delivery } from './entities/delivery.entity';
import { DeliveryJobRequest } from './queue/delivery-queue';

/**
 * Our own failures (the database, a bug) are not the channel's: a delivery gets at least this many
 * tries through them, even on a channel that never retries its peer's failures. Between tries it
 * stays pending, and the queue or the sweep brings it back.
 */
export const INTERNAL_FAILURE_ATTEMPTS = 5;

/** The attempt after which the delivery's transient failures fail for good. */
export function attemptLimit(delivery: Pick<Delivery, 'maxAttempts'>, channel: DeliveryChannel | undefined, internalFailure = false): number {
  const limit = delivery.maxAttempts ?? channel?.retryPolicy.attempts ?? 1;
  return internalFailure ? Math.max(limit, INTERNAL_FAILURE_ATTEMPTS) : limit;
}

/** The queue job of a delivery: the tries it has left (at least one) and its channel's backoff. */
export function deliveryJob(delivery: Pick<Delivery, 'id' | 'attempts' | 'maxAttempts'>, channel: DeliveryChannel | undefined): DeliveryJobRequest {
  const policy = channel?.retryPolicy;
  return {
    id: delivery.id,
    attempts: Math.max(1, attemptLimit(delivery, channel) - delivery.attempts),
    backoff: { baseMs: policy?.backoffBaseMs ?? 1_000, honoursRetryAfter: policy?.honoursRetryAfter ?? false },
  };
}
