import { describe, expect, it } from '@jest/globals';
import type { ConversationDetail, Message } from './api/client';
import { lastSequence, modeLabel, speakerOf, withLaterMessages } from './transcript';

function message(sequence: number, fields: Partial<Message> = {}): Message {
  return {
    id: `m${sequence}`,
    sequence,
    role: 'user',
    content: `message ${sequence}`,
    author: null,
    source: null,
    offerHandoff: false,
    createdAt: '2026-12-07T10:00:00.000Z',
    ...fields,
  };
}

function conversation(messages: Message[], fields: Partial<ConversationDetail> = {}): ConversationDetail {
  return {
    id: 'c1',
    createdAt: '2026-12-07T10:00:00.000Z',
    lastMessageAt: null,
    messageCount: messages.length,
    mode: 'waiting',
    agent: null,
    messages,
    nextAfter: null,
    ...fields,
  };
}

describe('the transcript', () => {
  it('names who wrote each message, a person with where they answered', () => {
    expect(speakerOf(message(1))).toBe('Visitor');
    expect(speakerOf(message(2, { role: 'assistant' }))).toBe('Assistant');
    expect(speakerOf(message(3, { role: 'agent', author: { name: 'Dana' }, source: 'admin' }))).toBe('Dana · Console');
    expect(speakerOf(message(4, { role: 'agent', author: { name: 'Dana' }, source: 'zendesk' }))).toBe('Dana · Zendesk');
    expect(speakerOf(message(5, { role: 'agent', author: { name: 'Lee' }, source: 'slack' }))).toBe('Lee · Slack');
  });

  it('says who is talking to the visitor', () => {
    expect(modeLabel('assistant', null)).toBe('With the assistant');
    expect(modeLabel('waiting', null)).toBe('Waiting for your team');
    expect(modeLabel('agent', { name: 'Dana' })).toBe('With Dana');
  });

  it('reads on after the last message shown', () => {
    expect(lastSequence(conversation([]))).toBe(0);
    expect(lastSequence(conversation([message(1), message(7), message(3)]))).toBe(7);
  });

  it('adds what was read since in sequence order, once each, and takes the mode and counts of the later read', () => {
    const shown = conversation([message(1), message(2), message(4)]);
    const later = conversation([message(3), message(4), message(5)], { mode: 'agent', agent: { name: 'Dana' }, messageCount: 5 });
    const merged = withLaterMessages(shown, later);
    expect(merged.messages.map((each) => each.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(merged).toMatchObject({ mode: 'agent', agent: { name: 'Dana' }, messageCount: 5, nextAfter: null });
  });
});
