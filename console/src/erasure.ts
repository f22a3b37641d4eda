import type { Erasure, ErasureOutcome, ErasureStatus } from './api/client';
import { plural } from './format';

/** An erasure's status as the admin reads it. */
export function statusSentence(status: ErasureStatus): string {
  switch (status) {
    case 'pending':
      return 'Erasing: the places the conversation went are still being told.';
    case 'done':
      return 'Done: everything that could be taken back was.';
    case 'partial':
      return 'Partly done: something failed or cannot be recalled; the notes say what remains.';
  }
}

/** A destination's outcome in words: the API's, with its underscores read out. */
export function outcomeWord(outcome: ErasureOutcome): string {
  switch (outcome) {
    case 'pending':
    case 'done':
    case 'failed':
      return outcome;
    case 'not_applicable':
      return 'not applicable';
    case 'not_recallable':
      return 'not recallable';
  }
}

/** The badge's look: a destination done or with nothing to do is good news, one failed is not. */
export function outcomeTone(outcome: ErasureOutcome): 'delivered' | 'failed' | 'pending' | 'cancelled' {
  switch (outcome) {
    case 'done':
      return 'delivered';
    case 'failed':
    case 'not_recallable':
      return 'failed';
    case 'pending':
      return 'pending';
    case 'not_applicable':
      return 'cancelled';
  }
}

/** How many conversations an erasure took; for an email matching nothing, no more than that. */
export function conversationsErased(erasure: Pick<Erasure, 'conversations'>): string {
  return erasure.conversations === 0 ? 'No conversation matched: 0 conversations erased.' : `${plural(erasure.conversations, 'conversation')} erased.`;
}

export function isUnderWay(erasure: Pick<Erasure, 'status'>): boolean {
  return erasure.status === 'pending';
}
