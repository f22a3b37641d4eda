/**
 * The typed catalogue of the delivery queue, shared by the producer (DeliveryQueue) and the
 * processor. Jobs carry ids only: never the transcript, never a secret.
 */
export const DELIVERY_QUEUE = 'delivery';

export enum DeliveryJobName {
  Deliver = 'deliver',
}

export interface DeliveryJobData {
  [DeliveryJobName.Deliver]: { deliveryId: string };
}

export type DeliveryJobPayload<N extends DeliveryJobName> = DeliveryJobData[N];

/** The backoff strategy of retried deliveries: exponential from a base, with jitter. */
export const JITTERED_EXPONENTIAL = 'jitteredExponential';

/** Delay before retry `attemptsMade` (1-based): base × 2^(n−1), scaled by a random 0.75–1.25. */
export function jitteredExponentialDelay(baseMs: number, attemptsMade: number, random = Math.random): number {
  const exponential = baseMs * 2 ** Math.max(0, attemptsMade - 1);
  return Math.round(exponential * (0.75 + random() * 0.5));
}
