import { DeliveryOutcome, FollowUpMessage, HandoffReference } from '../delivery-channel';
import { carriesMarker, followUpText } from '../helpdesk-follow-up';
import { parseJsonBody } from '../helpdesk-request';
import { ZENDESK_TAGS } from './zendesk-ticket';

/*
 * Follow-ups as ticket comments, per Zendesk's Tickets API
 * (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#update-ticket,
 * #create-ticket with `via_followup_source_id`) and Ticket Comments API
 * (https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#list-comments).
 */

/** What a follow-up needs to know of the handoff's ticket (`GET /api/v2/tickets/{id}`). */
export interface ZendeskTicketState {
  status: string;
  /** Null when the ticket has no requester (the visitor left no email). */
  requesterId: number | null;
}

export function zendeskTicketState(body: string): ZendeskTicketState | undefined {
  const ticket = (parseJsonBody(body) as { ticket?: { status?: unknown; requester_id?: unknown } } | undefined)?.ticket;
  if (typeof ticket?.status !== 'string') return undefined;
  return { status: ticket.status, requesterId: typeof ticket.requester_id === 'number' ? ticket.requester_id : null };
}

/**
 * The comment of one follow-up: a visitor's message is a public comment by the ticket's
 * requester, as if they had replied by email; anything else, or a visitor's message on a ticket
 * without a requester, is a private note saying who spoke.
 */
export function zendeskComment(message: FollowUpMessage, deliveryId: string, requesterId: number | null): object {
  const byRequester = message.role === 'user' && requesterId !== null;
  return {
    body: followUpText(message, deliveryId, { bySpeaker: byRequester }),
    public: byRequester,
    ...(byRequester && { author_id: requesterId }),
  };
}

/** The body of `PUT /api/v2/tickets/{id}` adding one follow-up. */
export function zendeskCommentRequest(message: FollowUpMessage, deliveryId: string, requesterId: number | null): object {
  return { ticket: { comment: zendeskComment(message, deliveryId, requesterId) } };
}

/**
 * The body of `POST /api/v2/tickets` making a follow-up ticket of a closed one: linked to it,
 * with the same requester and handoff id, its first comment the follow-up.
 */
export function zendeskFollowUpTicketRequest(handoff: HandoffReference, closedTicketId: string, message: FollowUpMessage, deliveryId: string, requesterId: number | null): object {
  const subject = handoff.reason?.replace(/\s+/g, ' ').trim().slice(0, 150) || 'Chat handoff';
  return {
    ticket: {
      via_followup_source_id: Number(closedTicketId),
      subject: `Re: ${subject}`,
      comment: zendeskComment(message, deliveryId, requesterId),
      ...(requesterId !== null && { requester_id: requesterId }),
      external_id: handoff.handoffId,
      tags: ZENDESK_TAGS,
    },
  };
}

/** The id of the comment an update or a creation made: the `Comment` event of the answer's `audit`. */
export function createdCommentId(body: string): string | undefined {
  const events = (parseJsonBody(body) as { audit?: { events?: unknown } } | undefined)?.audit?.events;
  const comment = (Array.isArray(events) ? events : []).find((event: { type?: unknown }) => event?.type === 'Comment') as { id?: unknown } | undefined;
  return typeof comment?.id === 'number' ? String(comment.id) : undefined;
}

/** The new ticket's id in a creation's answer. */
export function createdTicketIdOf(body: string): string | undefined {
  const id = (parseJsonBody(body) as { ticket?: { id?: unknown } } | undefined)?.ticket?.id;
  return typeof id === 'number' ? String(id) : undefined;
}

/**
 * Whether Zendesk refused a comment because the ticket is closed: a 422 `RecordInvalid` whose
 * `details.status` says "Status: closed prevents ticket update".
 */
export function refusedAsClosed(outcome: DeliveryOutcome): boolean {
  if (outcome.status !== 'permanent_failure' || outcome.responseStatus !== 422) return false;
  const details = (parseJsonBody(outcome.responseBody ?? '') as { details?: { status?: unknown } } | undefined)?.details?.status;
  return (Array.isArray(details) ? details : []).some((problem: { description?: unknown }) => typeof problem?.description === 'string' && /closed/i.test(problem.description));
}

/** In a `GET .../comments` answer, the comment carrying this delivery's marker, and whether it was a listing. */
export function markedComment(body: string, deliveryId: string): { found?: string; listed: boolean } {
  const comments = (parseJsonBody(body) as { comments?: unknown } | undefined)?.comments;
  if (!Array.isArray(comments)) return { listed: false };
  const marked = comments.find((comment: { body?: unknown }) => carriesMarker(comment?.body, deliveryId)) as { id?: unknown } | undefined;
  return { found: typeof marked?.id === 'number' ? String(marked.id) : undefined, listed: true };
}

/** The ids of the tickets in a `GET /api/v2/tickets?external_id=` answer: every ticket made for the handoff. */
export function ticketIdsOf(body: string): string[] | undefined {
  const tickets = (parseJsonBody(body) as { tickets?: unknown } | undefined)?.tickets;
  if (!Array.isArray(tickets)) return undefined;
  return tickets.map((ticket: { id?: unknown }) => ticket?.id).filter((id): id is number => typeof id === 'number').map(String);
}
