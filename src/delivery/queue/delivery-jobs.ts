/**
 * The typed catalogue of the delivery queue, shared by the producer (DeliveryQueue) and the
 * processor. Jobs carry ids only: never the transcript, never a secret.
 */
export const DELIVERY_QUEUE = 'delivery';

export enum DeliveryJobName {
  /** One try at one delivery. */
  Deliver = 'deliver',
  /** A pass over an open handoff's new messages, making their follow-up deliveries. */
  FollowUp = 'follow-up',
  /** Deletes the previous secrets whose rotation window has ended. */
  ForgetSecrets = 'forget-secrets',
}

export interface DeliveryJobData {
  [DeliveryJobName.Deliver]: { deliveryId: string };
  [DeliveryJobName.FollowUp]: { handoffId: string };
  [DeliveryJobName.ForgetSecrets]: Record<string, never>;
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

/**
 * Thrown by the processor for a delivery that may not go yet: an earlier delivery on its channel
 * is unfinished (the one that finishes brings it forward; this is the fallback), or it gathers
 * messages until `afterMs` from now.
 */
export class NotYet extends Error {
  constructor(readonly afterMs?: number) {
    super('Not yet: waiting for its turn or until it is due');
    this.name = 'NotYet';
    this.stack = '';
  }
}

/** How long a delivery waiting for its turn waits at most before it looks again (its predecessor brings it forward sooner). */
export const TURN_RECHECK_MAX_MS = 60_000;

/**
 * Thrown by the processor to hand a delivery with tries left back to the queue, which runs its
 * job again after the backoff. Short stack, like a deferral: it is an expected way out.
 */
export class RetryLater extends Error {
  constructor(
    reason: string,
    /** Attempts the delivery has made: the backoff grows with them, not with the job's runs. */
    readonly attemptsMade: number,
    /** The peer's `Retry-After`, when it gave one. */
    readonly retryAfterMs?: number,
  ) {
    super(reason);
    this.name = 'RetryLater';
    this.stack = '';
  }
}

/**
 * Runs a job may have: the delivery's row decides when it is done (delivery-life.ts), so the queue
 * must never give up first. Deferrals and retries each use one run.
 */
export const UNLIMITED_JOB_RUNS = 1_000_000;

/** Whether a job's failure is one of the processor's expected ways back to the queue. */
export function isExpectedRequeue(error: Error): boolean {
  return error instanceof DeliveryDeferred || error instanceof RetryLater || error instanceof NotYet;
}

/**
 * The delay before the job runs again: a short one for a deferral, the peer's `Retry-After` where
 * the channel honours it, else exponential backoff from the channel's base by the delivery's own
 * attempts (by the job's runs only for an unexpected failure, which the claim then counts).
 */
export function deliveryRetryDelay(options: DeliveryBackoffOptions, jobRuns: number, error?: Error, random = Math.random): number {
  if (error instanceof DeliveryDeferred) return jitteredExponentialDelay(DEFER_DELAY_MS, 1, random);
  if (error instanceof NotYet) return error.afterMs ?? Math.min(jitteredExponentialDelay(DEFER_DELAY_MS, jobRuns, random), TURN_RECHECK_MAX_MS);
  if (!(error instanceof RetryLater)) return jitteredExponentialDelay(Math.max(options.baseMs, DEFER_DELAY_MS), jobRuns, random);
  if (options.honoursRetryAfter && error.retryAfterMs !== undefined) return error.retryAfterMs;
  return jitteredExponentialDelay(options.baseMs, error.attemptsMade, random);
}
