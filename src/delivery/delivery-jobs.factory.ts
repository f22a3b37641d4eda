import { DeliveryChannel } from '../channels/delivery-channel';
import { Delivery } from './entities/delivery.entity';
import { DeliveryJobRequest } from './queue/delivery-queue';

/** The attempt after which the delivery's transient failures fail for good. */
export function attemptLimit(delivery: Pick<Delivery, 'maxAttempts'>, channel: DeliveryChannel | undefined): number {
  return delivery.maxAttempts ?? channel?.retryPolicy.attempts ?? 1;
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
