import { DeliveryKind, DeliveryStatus } from './entities/delivery.entity';

/**
 * A delivery's life, in one place. Postgres holds it (status, attempts made, attempts allowed);
 * the repository's statements apply these rules atomically and nothing depends on the queue's
 * own count of tries: a job is only a nudge to look at the row.
 *
 *   pending ──claim──▶ delivering ──delivered─────────────────▶ delivered
 *      ▲                   │ ──permanent failure─────────────▶ failed
 *      ├──transient, tries left──┤ ──transient, none left─────▶ failed ("gave up after N attempts")
 *      ├──our own failure, tries left (at least 5)──┘
 *   pending, no tries left ──claim──▶ failed (the reason recorded)
 *   delivering, its worker gone ──claim──▶ delivering again if the channel repeats safely and
 *                                           tries are left (at least 5: the failure is ours),
 *                                           else failed (outcome unknown, the reason recorded)
 *   pending, an earlier delivery on its channel unfinished, or not yet due ──claim──▶ waits
 *   delivering, nothing left to send (a visitor email read meanwhile) ──▶ cancelled
 *   delivered | failed | cancelled ──redeliver──▶ pending, with the channel's tries again
 *   any, its content erased ──redeliver──▶ refused (an `erased` delivery carries none: it may go again)
 */
export interface DeliveryState {
  status: DeliveryStatus;
  /** Attempts made in all, including one whose worker stopped before it recorded the outcome. */
  attempts: number;
  /** The attempt after which the delivery fails for good. */
  maxAttempts: number;
}

/** How an attempt ended, as the life of the delivery sees it. */
export type AttemptResult = 'delivered' | 'transient_failure' | 'permanent_failure' | 'internal_failure';

/**
 * Our own failures (the database, a bug) are not the channel's: a delivery gets at least this many
 * tries through them, even on a channel that never retries its peer's failures.
 */
export const INTERNAL_FAILURE_ATTEMPTS = 5;

export const UNFINISHED_STATUSES: readonly DeliveryStatus[] = [DeliveryStatus.Pending, DeliveryStatus.Delivering];

/** Why a delivery ended without a last attempt of its own (recorded as its last error). */
export const END_REASONS = {
  /** Claimed again while `delivering`, on a channel where a second copy could duplicate. */
  outcomeUnknown:
    'The worker stopped during the attempt, so whether it reached the destination is unknown, and sending it again could make a duplicate. Redeliver to send it again.',
  noTriesLeft: 'No tries are left. Redeliver to send it again.',
} as const;

export type ClaimDecision =
  | { action: 'attempt'; next: DeliveryState }
  | { action: 'end'; next: DeliveryState; reason: string }
  /** Not now: an earlier delivery on its channel is unfinished (`turn`), or it is not due yet. */
  | { action: 'wait'; reason: 'turn' | 'not_due'; afterMs: number }
  | { action: 'none' };

/** Whether a pending delivery may go now (see `claim`). */
export interface Readiness {
  /** An earlier delivery of the handoff on the same channel is still unfinished. */
  blocked: boolean;
  /** Milliseconds until it is due (an email gathering messages); 0 when due. */
  dueInMs: number;
}

export const READY: Readiness = { blocked: false, dueInMs: 0 };

/** What the channel's policy says of an attempt whose outcome is unknown (RetryPolicy.repeatsSafely). */
export interface ChannelRule {
  repeatsSafely: boolean;
}

export function isUnfinished(status: DeliveryStatus): boolean {
  return UNFINISHED_STATUSES.includes(status);
}

/**
 * Taking a delivery for one attempt. A finished one is left alone (a job that runs twice sends
 * once); one with no tries left ends `failed` with the reason instead of being sent again. One
 * still `delivering` lost its worker mid-attempt: that failure is ours, so it gets the tries our
 * own failures get, but only on a channel where a second copy is absorbed. A pending one waits
 * its turn behind an unfinished earlier delivery on its channel (a channel receives a handoff's
 * deliveries in order), and until it is due.
 */
export function claim(state: DeliveryState, channel: ChannelRule, readiness: Readiness = READY): ClaimDecision {
  if (!isUnfinished(state.status)) return { action: 'none' };
  const failed = { ...state, status: DeliveryStatus.Failed };
  const stopped = state.status === DeliveryStatus.Delivering;
  if (stopped && !channel.repeatsSafely) return { action: 'end', next: failed, reason: END_REASONS.outcomeUnknown };
  const maxAttempts = stopped ? Math.max(state.maxAttempts, INTERNAL_FAILURE_ATTEMPTS) : state.maxAttempts;
  if (state.attempts >= maxAttempts) return { action: 'end', next: failed, reason: END_REASONS.noTriesLeft };
  if (!stopped && readiness.blocked) return { action: 'wait', reason: 'turn', afterMs: 0 };
  if (!stopped && readiness.dueInMs > 0) return { action: 'wait', reason: 'not_due', afterMs: readiness.dueInMs };
  return { action: 'attempt', next: { status: DeliveryStatus.Delivering, attempts: state.attempts + 1, maxAttempts } };
}

/** The state after a claimed attempt (`attempts` already counts it) ended with `result`. */
export function afterAttempt(state: DeliveryState, result: AttemptResult): DeliveryState {
  switch (result) {
    case 'delivered':
      return { ...state, status: DeliveryStatus.Delivered };
    case 'permanent_failure':
      return { ...state, status: DeliveryStatus.Failed };
    case 'transient_failure':
      return withTriesLeft(state);
    case 'internal_failure':
      return withTriesLeft({ ...state, maxAttempts: Math.max(state.maxAttempts, INTERNAL_FAILURE_ATTEMPTS) });
  }
}

/** A claimed delivery that found nothing left to send (a visitor email whose answers were read meanwhile). */
export function cancelled(state: DeliveryState): DeliveryState {
  return { ...state, status: DeliveryStatus.Cancelled };
}

/** Whether the sweep may queue an unfinished delivery whose job is gone, or must end it (see `claim`). */
export function mayRequeue(state: DeliveryState, channel: ChannelRule): boolean {
  const { action } = claim(state, channel);
  return action === 'attempt' || action === 'wait';
}

/**
 * A manual redelivery: a finished delivery gets `channelAttempts` more tries; a pending one keeps
 * the tries it has left; one mid-attempt cannot be redelivered now (null).
 */
export function redeliver(state: DeliveryState, channelAttempts: number): DeliveryState | null {
  switch (state.status) {
    case DeliveryStatus.Delivering:
      return null;
    case DeliveryStatus.Pending:
      return state;
    case DeliveryStatus.Delivered:
    case DeliveryStatus.Failed:
    case DeliveryStatus.Cancelled:
      return { ...state, status: DeliveryStatus.Pending, maxAttempts: state.attempts + channelAttempts };
  }
}

/**
 * Whether what the delivery carried was erased, so that sending it again would send nothing of it.
 * An `erased` delivery (the news of an erasure) carries no content: it may always be sent again.
 */
export function carriesErasedContent(delivery: { kind: DeliveryKind; erasedAt: Date | null }): boolean {
  return delivery.erasedAt !== null && delivery.kind !== DeliveryKind.Erased;
}

/** The error recorded when a transient failure used the last try. */
export function gaveUp(error: string, attempts: number): string {
  return `${error} (gave up after ${attempts} attempts)`;
}

function withTriesLeft(state: DeliveryState): DeliveryState {
  return { ...state, status: state.attempts < state.maxAttempts ? DeliveryStatus.Pending : DeliveryStatus.Failed };
}
