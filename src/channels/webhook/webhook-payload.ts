import { ErasurePayload, FollowUpMessage, HandoffPayload, HandoffReference, ResolutionPayload, TranscriptEntry } from '../delivery-channel';
import { isTruncated } from '../transcript-fit';
import { HandoffCreatedBody, HandoffErasedBody, HandoffMessageBody, HandoffResolvedBody, TranscriptMessageBody } from './webhook-events';

/** The events a webhook receives, sent as `event` in the body and as `X-Wilow-Event`. */
export const WEBHOOK_EVENTS = {
  created: 'handoff.created',
  message: 'handoff.message',
  resolved: 'handoff.resolved',
  erased: 'handoff.erased',
} as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[keyof typeof WEBHOOK_EVENTS];

/*
 * Each body is serialised once: these exact bytes are signed and sent, so receivers can verify the
 * signature over the raw body. Key order is part of the documented contract. Each body is a value
 * of the type derived from its schema in the event catalogue (webhook-events.ts).
 */

/** `handoff.created`: the handoff with the transcript up to it. */
export function serializeWebhookPayload(payload: HandoffPayload): string {
  const body: HandoffCreatedBody = {
    event: WEBHOOK_EVENTS.created,
    tenantId: payload.tenantId,
    conversationId: payload.conversationId,
    handoffId: payload.handoffId,
    visitorEmail: payload.visitorEmail,
    reason: payload.reason,
    transcript: payload.transcript.map(transcriptEntryJson),
    // Additive: only a transcript that left older messages out says so, and how many there were.
    ...(isTruncated(payload) ? { transcriptTruncated: true as const, transcriptTotal: payload.transcriptTotal } : {}),
    adminConversationUrl: payload.adminConversationUrl,
    // Only synthetic handoffs carry the flag, so real payloads match the documented shape.
    ...(payload.test ? { test: true as const } : {}),
  };
  return JSON.stringify(body);
}

/** `handoff.message`: one message added while the handoff is open; receivers order by its `sequence`. */
export function serializeMessageEvent(handoff: HandoffReference, message: FollowUpMessage): string {
  const body: HandoffMessageBody = {
    event: WEBHOOK_EVENTS.message,
    tenantId: handoff.tenantId,
    conversationId: handoff.conversationId,
    handoffId: handoff.handoffId,
    message: { id: message.id, sequence: message.sequence, ...transcriptEntryJson(message) },
    adminConversationUrl: handoff.adminConversationUrl,
  };
  return JSON.stringify(body);
}

/** `handoff.resolved`. */
export function serializeResolvedEvent({ handoff, resolvedAt }: ResolutionPayload): string {
  const body: HandoffResolvedBody = {
    event: WEBHOOK_EVENTS.resolved,
    tenantId: handoff.tenantId,
    conversationId: handoff.conversationId,
    handoffId: handoff.handoffId,
    resolvedAt: resolvedAt.toISOString(),
  };
  return JSON.stringify(body);
}

/** `handoff.erased`: the conversation was erased here; the receiver should erase its copy. */
export function serializeErasedEvent({ handoff, erasedAt }: ErasurePayload): string {
  const body: HandoffErasedBody = {
    event: WEBHOOK_EVENTS.erased,
    tenantId: handoff.tenantId,
    conversationId: handoff.conversationId,
    handoffId: handoff.handoffId,
    erasedAt: erasedAt.toISOString(),
  };
  return JSON.stringify(body);
}

/** A message as every payload carries it: author and source are null but on agent messages. */
function transcriptEntryJson(entry: TranscriptEntry): TranscriptMessageBody {
  return {
    role: entry.role,
    content: entry.content,
    createdAt: entry.createdAt.toISOString(),
    author: entry.author === null ? null : { name: entry.author.name },
    source: entry.source,
  };
}
