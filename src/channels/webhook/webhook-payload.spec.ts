import { buildHandoffPayload } from '../testing/handoff-payload';
import { serializeWebhookPayload } from './webhook-payload';

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
        { role: 'user', content: 'Hello, my invoice is wrong.', createdAt: '2025-03-03T14:01:00.000Z' },
        { role: 'assistant', content: 'I can help with invoices.', createdAt: '2025-03-03T14:02:00.000Z' },
        { role: 'user', content: 'I want to talk to a person.', createdAt: '2025-03-03T14:05:00.000Z' },
      ],
      adminConversationUrl: payload.adminConversationUrl,
    });
    expect(Object.keys((body.transcript as object[])[0])).toEqual(['role', 'content', 'createdAt']);
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
