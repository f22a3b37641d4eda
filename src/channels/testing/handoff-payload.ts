import {
  FollowUpMessage,
  FollowUpPayload,
  HandoffPayload,
  HandoffReference,
  ResolutionPayload,
  TranscriptEntry,
  VisitorEmailPayload,
} from '../delivery-channel';

const CONVERSATION_ID = '7f0c2a4e-1d5b-4c3e-9a8f-2b6d1e0c9a71';
const ADMIN_CONVERSATION_URL = `http://localhost:3000/admin/conversations?id=${CONVERSATION_ID}`;

/** A visitor's or the assistant's message: neither has an author or a source. */
export function buildTranscriptEntry(overrides: Partial<TranscriptEntry> = {}): TranscriptEntry {
  return { role: 'user', content: 'Hello.', createdAt: new Date('2025-03-03T14:01:00.000Z'), author: null, source: null, ...overrides };
}

/** An answer of a person of the tenant's team, written in the console. */
export function buildAgentEntry(overrides: Partial<TranscriptEntry> = {}): TranscriptEntry {
  return buildTranscriptEntry({ role: 'agent', content: 'Hi, Dana here: let me look.', author: { name: 'Dana' }, source: 'admin', ...overrides });
}

/** A realistic handoff with a short conversation; override what a test is about. */
export function buildHandoffPayload(overrides: Partial<HandoffPayload> = {}): HandoffPayload {
  return {
    handoffId: '3b9e5c1a-8f2d-4e7a-b6c4-1a9d0e5f7c23',
    tenantId: 'a1c4e6f8-2b3d-4f5a-8c9e-0d1f2a3b4c5d',
    tenantName: 'Acme Support',
    conversationId: CONVERSATION_ID,
    visitorEmail: 'visitor@example.org',
    reason: 'Billing question',
    createdAt: new Date('2025-03-03T14:05:07.000Z'),
    transcript: [
      buildTranscriptEntry({ content: 'Hello, my invoice is wrong.', createdAt: new Date('2025-03-03T14:01:00.000Z') }),
      buildTranscriptEntry({ role: 'assistant', content: 'I can help with invoices.', createdAt: new Date('2025-03-03T14:02:00.000Z') }),
      buildTranscriptEntry({ content: 'I want to talk to a person.', createdAt: new Date('2025-03-03T14:05:00.000Z') }),
    ],
    transcriptTotal: overrides.transcript?.length ?? 3,
    adminConversationUrl: ADMIN_CONVERSATION_URL,
    test: false,
    ...overrides,
  };
}

/** The handoff of buildHandoffPayload as later deliveries refer to it, its email's Message-ID known. */
export function buildHandoffReference(overrides: Partial<HandoffReference> = {}): HandoffReference {
  const { handoffId, tenantId, tenantName, conversationId, visitorEmail, reason, createdAt, adminConversationUrl } = buildHandoffPayload();
  return {
    handoffId,
    tenantId,
    tenantName,
    conversationId,
    visitorEmail,
    reason,
    createdAt,
    adminConversationUrl,
    externalId: '<5d2c8e1f-0a3b-4c6d-9e7f-1a2b3c4d5e6f@wilow.test>',
    ...overrides,
  };
}

/** A message added after the handoff: the visitor's, unless overridden. */
export function buildFollowUpMessage(overrides: Partial<FollowUpMessage> = {}): FollowUpMessage {
  return {
    id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
    sequence: 4,
    ...buildTranscriptEntry({ content: 'My order number is 4471.', createdAt: new Date('2025-03-03T14:06:30.000Z') }),
    ...overrides,
  };
}

/** An agent's answer after the handoff. */
export function buildAgentFollowUpMessage(overrides: Partial<FollowUpMessage> = {}): FollowUpMessage {
  return buildFollowUpMessage({
    ...buildAgentEntry({ createdAt: new Date('2025-03-03T14:07:00.000Z') }),
    id: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
    sequence: 5,
    ...overrides,
  });
}

export function buildFollowUpPayload(messages: FollowUpMessage[] = [buildFollowUpMessage()], handoff: Partial<HandoffReference> = {}): FollowUpPayload {
  return { handoff: buildHandoffReference(handoff), messages };
}

export function buildResolutionPayload(handoff: Partial<HandoffReference> = {}): ResolutionPayload {
  return { handoff: buildHandoffReference(handoff), resolvedAt: new Date('2025-03-03T15:30:00.000Z') };
}

export function buildVisitorEmailPayload(
  messages: FollowUpMessage[] = [buildAgentFollowUpMessage()],
  handoff: Partial<HandoffReference> = {},
): VisitorEmailPayload {
  return { handoff: buildHandoffReference(handoff), visitorEmail: 'visitor@example.org', messages };
}
