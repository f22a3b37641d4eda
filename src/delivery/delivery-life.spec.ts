import { afterAttempt, cancelled, carriesErasedContent, claim, DeliveryState, END_REASONS, gaveUp, INTERNAL_FAILURE_ATTEMPTS, mayRequeue, redeliver } from './delivery-life';
import { DeliveryKind, DeliveryStatus } from './entities/delivery.entity';

const { Pending, Delivering, Delivered, Failed, Cancelled } = DeliveryStatus;

function state(status: DeliveryStatus, attempts: number, maxAttempts: number): DeliveryState {
  return { status, attempts, maxAttempts };
}

describe('a delivery\'s life', () => {
  /** A channel where a second copy is absorbed (idempotency key, dedupe on handoffId), and one where it is not. */
  const repeatable = { repeatsSafely: true };
  const notRepeatable = { repeatsSafely: false };

  describe('claim', () => {
    it('takes a pending delivery with tries left for one attempt, counting it', () => {
      expect(claim(state(Pending, 0, 1), notRepeatable)).toEqual({ action: 'attempt', next: state(Delivering, 1, 1) });
      expect(claim(state(Pending, 3, 10), repeatable)).toEqual({ action: 'attempt', next: state(Delivering, 4, 10) });
    });

    it('ends a pending delivery with no tries left instead of sending it again', () => {
      expect(claim(state(Pending, 6, 6), repeatable)).toEqual({ action: 'end', next: state(Failed, 6, 6), reason: END_REASONS.noTriesLeft });
      expect(claim(state(Pending, 12, 6), repeatable)).toMatchObject({ action: 'end' });
    });

    it('takes again a delivery whose worker stopped mid-attempt, with the tries our own failures get, where a copy is absorbed', () => {
      expect(claim(state(Delivering, 1, 1), repeatable)).toEqual({ action: 'attempt', next: state(Delivering, 2, INTERNAL_FAILURE_ATTEMPTS) });
      expect(claim(state(Delivering, 3, 10), repeatable)).toEqual({ action: 'attempt', next: state(Delivering, 4, 10) });
    });

    it('ends a delivery whose worker stopped mid-attempt after its tries, even where a copy is absorbed', () => {
      expect(claim(state(Delivering, INTERNAL_FAILURE_ATTEMPTS, 1), repeatable)).toEqual({
        action: 'end',
        next: state(Failed, INTERNAL_FAILURE_ATTEMPTS, 1),
        reason: END_REASONS.noTriesLeft,
      });
    });

    it('never sends again an attempt of unknown outcome where a copy would duplicate: it ends, saying so', () => {
      expect(claim(state(Delivering, 1, 5), notRepeatable)).toEqual({ action: 'end', next: state(Failed, 1, 5), reason: END_REASONS.outcomeUnknown });
    });

    it('makes a pending delivery wait its turn behind an unfinished earlier one on its channel, and until it is due', () => {
      expect(claim(state(Pending, 0, 1), repeatable, { blocked: true, dueInMs: 0 })).toEqual({ action: 'wait', reason: 'turn', afterMs: 0 });
      expect(claim(state(Pending, 0, 10), repeatable, { blocked: false, dueInMs: 1_500 })).toEqual({ action: 'wait', reason: 'not_due', afterMs: 1_500 });
      expect(claim(state(Pending, 0, 10), repeatable, { blocked: true, dueInMs: 1_500 })).toMatchObject({ reason: 'turn' });
    });

    it('never makes a delivery whose worker stopped mid-attempt wait again: it was already on its way', () => {
      expect(claim(state(Delivering, 1, 10), repeatable, { blocked: true, dueInMs: 1_000 })).toMatchObject({ action: 'attempt' });
    });

    it('ends a delivery with no tries left even while it would wait', () => {
      expect(claim(state(Pending, 6, 6), repeatable, { blocked: true, dueInMs: 0 })).toMatchObject({ action: 'end', reason: END_REASONS.noTriesLeft });
    });

    it('never takes a finished delivery: a job that runs twice sends once', () => {
      expect(claim(state(Delivered, 1, 1), repeatable)).toEqual({ action: 'none' });
      expect(claim(state(Failed, 1, 10), repeatable)).toEqual({ action: 'none' });
      expect(claim(state(Cancelled, 1, 10), repeatable)).toEqual({ action: 'none' });
    });
  });

  describe('after an attempt', () => {
    it('is delivered on success, whatever the tries left', () => {
      expect(afterAttempt(state(Delivering, 1, 10), 'delivered')).toEqual(state(Delivered, 1, 10));
    });

    it('fails for good on a permanent failure, whatever the tries left', () => {
      expect(afterAttempt(state(Delivering, 1, 10), 'permanent_failure')).toEqual(state(Failed, 1, 10));
    });

    it('goes back to pending on a transient failure while tries remain, then fails', () => {
      expect(afterAttempt(state(Delivering, 1, 3), 'transient_failure')).toEqual(state(Pending, 1, 3));
      expect(afterAttempt(state(Delivering, 2, 3), 'transient_failure')).toEqual(state(Pending, 2, 3));
      expect(afterAttempt(state(Delivering, 3, 3), 'transient_failure')).toEqual(state(Failed, 3, 3));
    });

    it('gives our own failures a few tries even on a channel that never retries, then fails', () => {
      expect(afterAttempt(state(Delivering, 1, 1), 'internal_failure')).toEqual(state(Pending, 1, INTERNAL_FAILURE_ATTEMPTS));
      expect(afterAttempt(state(Delivering, INTERNAL_FAILURE_ATTEMPTS, 1), 'internal_failure')).toEqual(
        state(Failed, INTERNAL_FAILURE_ATTEMPTS, INTERNAL_FAILURE_ATTEMPTS),
      );
      expect(afterAttempt(state(Delivering, 2, 10), 'internal_failure')).toEqual(state(Pending, 2, 10));
    });
  });

  describe('walked through a channel\'s policy', () => {
    /** Claims and fails transiently until the delivery ends; returns the attempts made. */
    function attemptsUntilFinished(start: DeliveryState): number {
      let current = start;
      for (let guard = 0; guard < 100; guard += 1) {
        const decision = claim(current, notRepeatable);
        if (decision.action !== 'attempt') return current.attempts;
        current = afterAttempt(decision.next, 'transient_failure');
      }
      throw new Error('never finished');
    }

    it('makes exactly as many attempts as the policy allows, and no more', () => {
      expect(attemptsUntilFinished(state(Pending, 0, 1))).toBe(1);
      expect(attemptsUntilFinished(state(Pending, 0, 6))).toBe(6);
      expect(attemptsUntilFinished(state(Pending, 0, 10))).toBe(10);
    });
  });

  describe('redeliver', () => {
    it('gives a finished delivery its channel\'s tries again, counted from the attempts made', () => {
      expect(redeliver(state(Failed, 1, 1), 1)).toEqual(state(Pending, 1, 2));
      expect(redeliver(state(Delivered, 3, 10), 10)).toEqual(state(Pending, 3, 13));
    });

    it('sends again a delivery that found nothing to send (cancelled), with fresh tries', () => {
      expect(redeliver(state(Cancelled, 1, 10), 10)).toEqual(state(Pending, 1, 11));
    });

    it('leaves a pending delivery\'s tries as they are', () => {
      expect(redeliver(state(Pending, 2, 10), 10)).toEqual(state(Pending, 2, 10));
    });

    it('refuses one mid-attempt', () => {
      expect(redeliver(state(Delivering, 1, 10), 10)).toBeNull();
    });

    it('refuses one whose content was erased, but not the news of the erasure itself', () => {
      const erasedAt = new Date();
      expect(carriesErasedContent({ kind: DeliveryKind.Handoff, erasedAt })).toBe(true);
      expect(carriesErasedContent({ kind: DeliveryKind.FollowUp, erasedAt })).toBe(true);
      expect(carriesErasedContent({ kind: DeliveryKind.Handoff, erasedAt: null })).toBe(false);
      expect(carriesErasedContent({ kind: DeliveryKind.Erased, erasedAt })).toBe(false);
      expect(carriesErasedContent({ kind: DeliveryKind.Erased, erasedAt: null })).toBe(false);
    });
  });

  describe('the sweep', () => {
    it('may queue again an unfinished delivery only while a claim would attempt it', () => {
      expect(mayRequeue(state(Pending, 0, 1), notRepeatable)).toBe(true);
      expect(mayRequeue(state(Delivering, 1, 1), repeatable)).toBe(true);
      expect(mayRequeue(state(Delivering, 1, 10), notRepeatable)).toBe(false);
      expect(mayRequeue(state(Delivering, INTERNAL_FAILURE_ATTEMPTS, 1), repeatable)).toBe(false);
      expect(mayRequeue(state(Pending, 6, 6), repeatable)).toBe(false);
      expect(mayRequeue(state(Failed, 0, 1), repeatable)).toBe(false);
    });
  });

  it('cancels a claimed delivery that found nothing left to send', () => {
    expect(cancelled(state(Delivering, 1, 10))).toEqual(state(Cancelled, 1, 10));
  });

  it('says how many attempts a delivery gave up after', () => {
    expect(gaveUp('answered 503', 6)).toBe('answered 503 (gave up after 6 attempts)');
  });
});
