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

/** The backoff strategy of retried deliveries: exponential from the channel's base, with jitter. */
export const JITTERED_EXPONENTIAL = 'jitteredExponential';

/** Each job's backoff options: its channel's retry policy. */
export interface DeliveryBackoffOptions {
  baseMs: number;
  honoursRetryAfter: boolean;
}

/** Delay before retry `attemptsMade` (1-based): base × 2^(n−1), scaled by a random 0.75–1.25. */
export function jitteredExponentialDelay(baseMs: number, attemptsMade: number, random = Math.random): number {
  const exponential = baseMs * 2 ** Math.max(0, attemptsMade - 1);
  return Math.round(exponential * (0.75 + random() * 0.5));
}

/** How long a deferred job waits before it is tried again (±25%). */
export const DEFER_DELAY_MS = 1000;

/**
 * Thrown by the processor to put a job back in the queue for a moment without using one of its
 * attempts (its tenant already holds its share of the worker's slots). Short stack: Bull keeps
 * the stack of every failure with the job.
 */
export class DeliveryDeferred extends Error {
  constructor() {
    super('Deferred: the tenant already holds its share of this worker');
    this.name = 'DeliveryDeferred';
    this.stack = '';
  }
}

/** Thrown by the processor to hand a transient failure back to the queue, which retries it. */
export class RetryLater extends Error {
  constructor(
    reason: string,
    /** The peer's `Retry-After`, when it gave one. */
    readonly retryAfterMs?: number,
  ) {
    super(reason);
    this.name = 'RetryLater';
  }
}

/**
 * The delay before the next try: a short one for a deferral, the peer's `Retry-After` where the
 * channel honours it, else exponential backoff from the channel's base.
 */
export function deliveryRetryDelay(
  options: DeliveryBackoffOptions,
  attemptsMade: number,
  error?: Error,
  random = Math.random,
): number {
  if (error instanceof DeliveryDeferred) return jitteredExponentialDelay(DEFER_DELAY_MS, 1, random);
  if (options.honoursRetryAfter && error instanceof RetryLater && error.retryAfterMs !== undefined) return error.retryAfterMs;
  return jitteredExponentialDelay(options.baseMs, attemptsMade, random);
}
