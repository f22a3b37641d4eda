import {
  buildAgentEntry,
  buildAgentFollowUpMessage,
  buildFollowUpMessage,
  buildHandoffPayload,
  buildHandoffReference,
  buildResolutionPayload,
} from '../testing/handoff-payload';
import { serializeMessageEvent, serializeResolvedEvent, serializeWebhookPayload } from './webhook-payload';

describe('serializeWebhookPayload', () => {
  it('writes the documented keys in the documented order, dates as ISO strings', () => {
    const payload = buildHandoffPayload();
    const body = JSON.parse(serializeWebhookPayload(payload)) as Record<string, unknown>;

    expect(Object.keys(body)).toEqual([
      'event',
      'tenantId',
      'conversationId',
      'handoffId',
      'visitorEmail',
      'reason',
      'transcript',
      'adminConversationUrl',
    ]);
    expect(body).toEqual({
      event: 'handoff.created',
      tenantId: payload.tenantId,
      conversationId: payload.conversationId,
      handoffId: payload.handoffId,
      visitorEmail: 'visitor@example.org',
      reason: 'Billing question',
      transcript: [
        { role: 'user', content: 'Hello, my invoice is wrong.', createdAt: '2025-03-03T14:01:00.000Z', author: null, source: null },
        { role: 'assistant', content: 'I can help with invoices.', createdAt: '2025-03-03T14:02:00.000Z', author: null, source: null },
        { role: 'user', content: 'I want to talk to a person.', createdAt: '2025-03-03T14:05:00.000Z', author: null, source: null },
      ],
      adminConversationUrl: payload.adminConversationUrl,
    });
    expect(Object.keys((body.transcript as object[])[0])).toEqual(['role', 'content', 'createdAt', 'author', 'source']);
  });

  it('carries the author and source of an agent message of the transcript', () => {
    const body = JSON.parse(serializeWebhookPayload(buildHandoffPayload({ transcript: [buildAgentEntry({ source: 'zendesk' })] }))) as {
      transcript: object[];
    };
    expect(body.transcript).toEqual([
      { role: 'agent', content: 'Hi, Dana here: let me look.', createdAt: '2025-03-03T14:01:00.000Z', author: { name: 'Dana' }, source: 'zendesk' },
    ]);
  });

  it('keeps absent visitor details as null', () => {
    const body = JSON.parse(serializeWebhookPayload(buildHandoffPayload({ visitorEmail: null, reason: null })));
    expect(body).toMatchObject({ visitorEmail: null, reason: null });
  });

  it('appends "test": true, last, only to a test handoff', () => {
    const body = JSON.parse(serializeWebhookPayload(buildHandoffPayload({ test: true }))) as object;
    expect(Object.entries(body).at(-1)).toEqual(['test', true]);
  });
});

describe('serializeMessageEvent', () => {
  const handoff = buildHandoffReference();

  it('writes handoff.message with exactly the documented keys, in order', () => {
    const json = serializeMessageEvent(handoff, buildAgentFollowUpMessage());

    expect(json).toBe(
      JSON.stringify({
        event: 'handoff.message',
        tenantId: handoff.tenantId,
        conversationId: handoff.conversationId,
        handoffId: handoff.handoffId,
        message: {
          id: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
          sequence: 5,
          role: 'agent',
          content: 'Hi, Dana here: let me look.',
          createdAt: '2025-03-03T14:07:00.000Z',
          author: { name: 'Dana' },
          source: 'admin',
        },
        adminConversationUrl: handoff.adminConversationUrl,
      }),
    );
  });

  it('gives a visitor\'s message a null author and source', () => {
    const body = JSON.parse(serializeMessageEvent(handoff, buildFollowUpMessage())) as { message: object };
    expect(body.message).toEqual({
      id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
      sequence: 4,
      role: 'user',
      content: 'My order number is 4471.',
      createdAt: '2025-03-03T14:06:30.000Z',
      author: null,
      source: null,
    });
  });
});

describe('serializeResolvedEvent', () => {
  it('writes handoff.resolved with exactly the documented keys, in order', () => {
    const payload = buildResolutionPayload();

    expect(serializeResolvedEvent(payload)).toBe(
      JSON.stringify({
        event: 'handoff.resolved',
        tenantId: payload.handoff.tenantId,
        conversationId: payload.handoff.conversationId,
        handoffId: payload.handoff.handoffId,
        resolvedAt: '2025-03-03T15:30:00.000Z',
      }),
    );
  });
});
