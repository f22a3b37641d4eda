import { createHash } from 'node:crypto';
import { InboundNews, objectBody, unreadableBody } from './inbound-channel';

/**
 * The body a Zendesk or Freshdesk webhook sends to the inbound address, as the body template the
 * admin pastes writes it with the helpdesk's placeholders: every value a string (a placeholder
 * with nothing to say renders empty), numbers tolerated.
 */
export const HELPDESK_BODY_FIELDS = ['ticketId', 'externalId', 'commentId', 'commentText', 'authorName', 'ticketStatus'] as const;

type HelpdeskBodyField = (typeof HELPDESK_BODY_FIELDS)[number];

/** The body template with each field's placeholder, as pretty JSON to paste. */
export function helpdeskBodyTemplate(placeholders: Record<HelpdeskBodyField, string>): string {
  return JSON.stringify(Object.fromEntries(HELPDESK_BODY_FIELDS.map((field) => [field, placeholders[field]])), null, 2);
}

export interface HelpdeskBodyRules {
  /** Whether this ticket status (as the placeholder renders it) means solved or closed. */
  closes: (status: string) => boolean;
  /** The author when the body names none. */
  fallbackAuthor: string;
}

/** A ticket update from the body, or a 400 when the body is not the template's. */
export function readHelpdeskBody(body: unknown, rules: HelpdeskBodyRules): InboundNews {
  const fields = objectBody(body);
  const value = (field: HelpdeskBodyField): string => {
    const raw = fields[field];
    if (raw === undefined || raw === null) return '';
    if (typeof raw === 'number') return String(raw);
    if (typeof raw !== 'string') throw unreadableBody(`${field} must be a string`);
    return raw.trim();
  };
  const ticketId = value('ticketId');
  if (!/^\d{1,20}$/.test(ticketId)) throw unreadableBody('ticketId must be the ticket number');
  const commentText = value('commentText');
  const commentId = value('commentId') || null;
  return {
    kind: 'update',
    update: {
      thread: ticketId,
      handoffId: value('externalId') || null,
      closes: rules.closes(value('ticketStatus')),
      answer:
        commentText === ''
          ? null
          : {
              eventId: commentId ?? contentKey(ticketId, commentText),
              itemId: commentId,
              text: commentText,
              format: 'html',
              author: { name: value('authorName') || rules.fallbackAuthor },
            },
    },
  };
}

/**
 * Where a helpdesk has no placeholder for the comment's id (Freshdesk), the same comment is known
 * by its ticket and text: a webhook sent twice records it once.
 */
function contentKey(ticketId: string, text: string): string {
  return `text:${createHash('sha256').update(`${ticketId}\n${text}`, 'utf8').digest('hex')}`;
}
