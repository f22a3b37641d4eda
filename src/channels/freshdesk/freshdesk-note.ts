import { FollowUpMessage } from '../delivery-channel';
import { carriesMarker, followUpText } from '../helpdesk-follow-up';
import { parseJsonBody } from '../helpdesk-request';
import { multiline } from '../ticket-html';

/*
 * Follow-ups as ticket notes, per Freshdesk's API v2
 * (https://developers.freshdesk.com/api/#add_note_to_a_ticket,
 * https://developers.freshdesk.com/api/#list_all_ticket_notes for the ticket's conversations).
 */

/**
 * The body of `POST /api/v2/tickets/{id}/notes`: public for the visitor's messages, private for
 * the assistant's and agents'; every note says who spoke, as notes are the API key's agent's.
 */
export function freshdeskNoteRequest(message: FollowUpMessage, deliveryId: string): object {
  return { body: multiline(followUpText(message, deliveryId, { bySpeaker: false })), private: message.role !== 'user' };
}

/** The created note's id. */
export function createdNoteId(body: string): string | undefined {
  const id = (parseJsonBody(body) as { id?: unknown } | undefined)?.id;
  return typeof id === 'number' ? String(id) : undefined;
}

/** In a `GET /api/v2/tickets/{id}/conversations` answer, the note carrying this delivery's marker, and whether it was a listing. */
export function markedNote(body: string, deliveryId: string): { found?: string; listed: boolean } {
  const conversations = parseJsonBody(body);
  if (!Array.isArray(conversations)) return { listed: false };
  const marked = conversations.find((entry: { body_text?: unknown; body?: unknown }) => carriesMarker(entry?.body_text, deliveryId) || carriesMarker(entry?.body, deliveryId)) as
    | { id?: unknown }
    | undefined;
  return { found: typeof marked?.id === 'number' ? String(marked.id) : undefined, listed: true };
}
