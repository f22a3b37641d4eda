import { DeliveryChannel } from '../channels/delivery-channel';
import { ChannelRule } from './delivery-life';
import { Delivery } from './entities/delivery.entity';
import { DeliveryJobRequest } from './queue/delivery-queue';

/**
 * The queue job of a delivery: its id, its channel's backoff (the tries are the row's), and a wait
 * until it is due (an email gathering messages).
 */
export function deliveryJob(delivery: Pick<Delivery, 'id'> & Partial<Pick<Delivery, 'notBefore'>>, channel: DeliveryChannel | undefined, now = Date.now()): DeliveryJobRequest {
  const policy = channel?.retryPolicy;
  const dueInMs = delivery.notBefore ? delivery.notBefore.getTime() - now : 0;
  return {
    id: delivery.id,
    backoff: { baseMs: policy?.backoffBaseMs ?? 1_000, honoursRetryAfter: policy?.honoursRetryAfter ?? false },
    ...(dueInMs > 0 && { delayMs: dueInMs }),
  };
}

/**
 * What a delivery's life needs of its channel; a channel no longer registered is not repeated
 * (nothing can send it anyway, and its attempt ends with that reason).
 */
export function channelRule(channel: DeliveryChannel | undefined): ChannelRule {
  return { repeatsSafely: channel?.retryPolicy.repeatsSafely ?? false };
}
