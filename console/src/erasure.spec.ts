import { describe, expect, it } from '@jest/globals';
import type { ErasureOutcome } from './api/client';
import { conversationsErased, isUnderWay, outcomeTone, outcomeWord, statusSentence } from './erasure';

const OUTCOMES: ErasureOutcome[] = ['pending', 'done', 'failed', 'not_applicable', 'not_recallable'];

describe('erasures as the console shows them', () => {
  it('reads each outcome out in words, without underscores', () => {
    expect(OUTCOMES.map(outcomeWord)).toEqual(['pending', 'done', 'failed', 'not applicable', 'not recallable']);
  });

  it('shows what could not be taken back as bad news, and nothing to do as neither', () => {
    expect(OUTCOMES.map(outcomeTone)).toEqual(['pending', 'delivered', 'failed', 'cancelled', 'failed']);
  });

  it('says what each status means', () => {
    expect(statusSentence('pending')).toMatch(/^Erasing/);
    expect(statusSentence('done')).toMatch(/^Done/);
    expect(statusSentence('partial')).toMatch(/cannot be recalled/);
  });

  it('counts the conversations taken, and for an email matching nothing says only that', () => {
    expect(conversationsErased({ conversations: 0 })).toBe('No conversation matched: 0 conversations erased.');
    expect(conversationsErased({ conversations: 1 })).toBe('1 conversation erased.');
    expect(conversationsErased({ conversations: 3 })).toBe('3 conversations erased.');
  });

  it('follows an erasure only while it is pending', () => {
    expect(isUnderWay({ status: 'pending' })).toBe(true);
    expect(isUnderWay({ status: 'done' })).toBe(false);
    expect(isUnderWay({ status: 'partial' })).toBe(false);
  });
});
