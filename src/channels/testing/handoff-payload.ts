import { HandoffPayload } from '../delivery-channel';

/** A realistic handoff with a short conversation; override what a test is about. */
export function buildHandoffPayload(overrides: Partial<HandoffPayload> = {}): HandoffPayload {
  const conversationId = '7f0c2a4e-1d5b-4c3e-9a8f-2b6d1e0c9a71';
  return {
    handoffId: '3b9e5c1a-8f2d-4e7a-b6c4-1a9d0e5f7c23',
    tenantId: 'a1c4e6f8-2b3d-4f5a-8c9e-0d1f2a3b4c5d',
    tenantName: 'Acme Support',
    conversationId,
    visitorEmail: 'visitor@example.org',
    reason: 'Billing question',
    createdAt: new Date('2025-03-03T14:05:07.000Z'),
    transcript: [
      { role: 'user', content: 'Hello, my invoice is wrong.', createdAt: new Date('2025-03-03T14:01:00.000Z') },
      { role: 'assistant', content: 'I can help with invoices.', createdAt: new Date('2025-03-03T14:02:00.000Z') },
      { role: 'user', content: 'I want to talk to a person.', createdAt: new Date('2025-03-03T14:05:00.000Z') },
    ],
    transcriptTotal: overrides.transcript?.length ?? 3,
    adminConversationUrl: `http://localhost:3000/admin/conversations?id=${conversationId}`,
    test: false,
    ...overrides,
  };
}
