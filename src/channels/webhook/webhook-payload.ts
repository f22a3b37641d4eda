import { HandoffPayload } from '../delivery-channel';
import { isTruncated } from '../transcript-fit';

export const WEBHOOK_EVENT = 'handoff.created';

/**
 * The webhook body, serialised once: these exact bytes are signed and sent, so receivers can
 * verify the signature over the raw body. Key order is part of the documented contract.
 */
export function serializeWebhookPayload(payload: HandoffPayload): string {
  return JSON.stringify({
    event: WEBHOOK_EVENT,
    tenantId: payload.tenantId,
    conversationId: payload.conversationId,
    handoffId: payload.handoffId,
    visitorEmail: payload.visitorEmail,
    reason: payload.reason,
    transcript: payload.transcript.map((entry) => ({
      role: entry.role,
      content: entry.content,
      createdAt: entry.createdAt.toISOString(),
    })),
    // Additive: only a transcript that left older messages out says so, and how many there were.
    ...(isTruncated(payload) ? { transcriptTruncated: true, transcriptTotal: payload.transcriptTotal } : {}),
    adminConversationUrl: payload.adminConversationUrl,
    // Only synthetic handoffs carry the flag, so real payloads match the documented shape.
    ...(payload.test ? { test: true } : {}),
  });
}
