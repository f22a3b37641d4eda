import { DeliveryOutcome, HandoffPayload } from '../delivery-channel';
import { describeHttpError, parseJsonBody, recordedResponse } from '../helpdesk-request';
import { parseRetryAfter } from '../retry-after';
import { fittedTicketHtml, ticketSubject } from '../ticket-html';
import { WebhookResponse } from '../webhook/webhook-transport';
import { ZendeskSettings } from './zendesk.settings';

/** Tags on every ticket, so a team can route and report on handoffs. */
export const ZENDESK_TAGS = ['wilow', 'handoff'];

type TicketFields = Pick<ZendeskSettings, 'conversationFieldId' | 'tags'>;

/** The body of `POST /api/v2/tickets.json`: the handoff as a ticket with a private first comment. */
export function zendeskTicketRequest(payload: HandoffPayload, settings: TicketFields): object {
  return {
    ticket: {
      subject: ticketSubject(payload),
      comment: { html_body: fittedTicketHtml(payload), public: false },
      ...(payload.visitorEmail && { requester: { email: payload.visitorEmail } }),
      external_id: payload.handoffId,
      tags: [...new Set([...ZENDESK_TAGS, ...(settings.tags ?? [])])],
      ...(settings.conversationFieldId !== undefined && {
        custom_fields: [{ id: settings.conversationFieldId, value: payload.adminConversationUrl }],
      }),
    },
  };
}

/** The agent's view of a ticket: on the account itself, whatever API base the service uses. */
export function zendeskTicketUrl(subdomain: string, ticketId: string): string {
  return `https://${subdomain}.zendesk.com/agent/tickets/${ticketId}`;
}

/**
 * What Zendesk's answer means. Requests carry an Idempotency-Key, so anything that may pass
 * later is retried without risk of a second ticket: rate limits and unavailability after their
 * `Retry-After`, a conflict (the same key still in flight) and other server errors by backoff.
 */
export function zendeskOutcome(response: WebhookResponse, subdomain: string): DeliveryOutcome {
  const peer = recordedResponse(response);
  const { status } = response;
  if (status >= 200 && status < 300) {
    const ticketId = createdTicketId(response);
    if (ticketId === undefined) return { status: 'delivered', ...peer };
    return { status: 'delivered', ...peer, externalId: ticketId, externalUrl: zendeskTicketUrl(subdomain, ticketId) };
  }
  const error = describeHttpError(status, zendeskErrorText(response.body));
  if (status === 429 || status === 503) {
    return { status: 'transient_failure', error, retryAfterMs: parseRetryAfter(response.headers['retry-after']), ...peer };
  }
  if (status === 409 || status >= 500) return { status: 'transient_failure', error, ...peer };
  return { status: 'permanent_failure', error, ...peer };
}

/** `ticket.id` of the answer, or the id in its `Location` header. */
function createdTicketId(response: WebhookResponse): string | undefined {
  const body = parseJsonBody(response.body) as { ticket?: { id?: unknown } } | undefined;
  const id = body?.ticket?.id;
  if (typeof id === 'number' || typeof id === 'string') return String(id);
  return /\/tickets\/(\d+)/.exec(response.headers.location ?? '')?.[1];
}

/**
 * Zendesk's explanation: `error` (a word or `{ title, message }`), `description`, and the
 * `details` of a validation error (`{ field: [{ description }] }`).
 */
export function zendeskErrorText(body: string): string | undefined {
  const parsed = parseJsonBody(body);
  if (typeof parsed !== 'object' || parsed === null) return body.trim() || undefined;
  const { error, description, details } = parsed as { error?: unknown; description?: unknown; details?: unknown };
  const parts = [
    typeof error === 'string' ? error : textOf(error, 'title', 'message'),
    typeof description === 'string' ? description : undefined,
    detailsText(details),
  ].filter((part): part is string => part !== undefined && part !== '');
  return parts.length > 0 ? parts.join(': ') : undefined;
}

function textOf(value: unknown, ...keys: string[]): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const texts = keys.map((key) => record[key]).filter((text): text is string => typeof text === 'string');
  return texts.length > 0 ? texts.join(' ') : undefined;
}

function detailsText(details: unknown): string | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const texts = Object.entries(details as Record<string, unknown>).flatMap(([field, problems]) =>
    (Array.isArray(problems) ? problems : []).map((problem) => `${field}: ${textOf(problem, 'description') ?? JSON.stringify(problem)}`),
  );
  return texts.length > 0 ? `(${texts.join('; ')})` : undefined;
}
