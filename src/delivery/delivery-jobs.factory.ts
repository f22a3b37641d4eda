import { DeliveryChannel } from '../channels/delivery-channel';
import { ChannelRule } from './delivery-life';
import { Delivery } from './entities/delivery.entity';
import { DeliveryJobRequest } from './queue/delivery-queue';

/** The queue job of a delivery: its id and its channel's backoff (the tries are the row's). */
export function deliveryJob(delivery: Pick<Delivery, 'id'>, channel: DeliveryChannel | undefined): DeliveryJobRequest {
  const policy = channel?.retryPolicy;
  return {
    id: delivery.id,
    backoff: { baseMs: policy?.backoffBaseMs ?? 1_000, honoursRetryAfter: policy?.honoursRetryAfter ?? false },
  };
}

/**
 * What a delivery's life needs of its channel; a channel no longer registered is not repeated
 * (nothing can send it anyway, and its attempt ends with that reason).
 */
export function channelRule(channel: DeliveryChannel | undefined): ChannelRule {
  return { repeatsSafely: channel?.retryPolicy.repeatsSafely ?? false };
}
