import { DeliveryOutcome, HandoffPayload } from '../delivery-channel';
import { describeHttpError, parseJsonBody, recordedResponse } from '../helpdesk-request';
import { parseRetryAfter } from '../retry-after';
import { fittedTicketHtml, ticketSubject } from '../ticket-html';
import { WebhookResponse } from '../webhook/webhook-transport';
import { FreshdeskSettings } from './freshdesk.settings';

/** Freshdesk's codes: status 2 is Open, source 7 is Chat, priority 1 is Low. */
const OPEN = 2;
const CHAT = 7;
const LOW = 1;

export const FRESHDESK_TAGS = ['wilow', 'handoff'];

/** The body of `POST /api/v2/tickets`: an open chat ticket whose description is the transcript. */
export function freshdeskTicketRequest(payload: HandoffPayload, settings: Pick<FreshdeskSettings, 'fallbackRequesterEmail' | 'priority'>): object {
  return {
    email: payload.visitorEmail ?? settings.fallbackRequesterEmail,
    subject: ticketSubject(payload),
    description: fittedTicketHtml(payload),
    status: OPEN,
    priority: settings.priority ?? LOW,
    source: CHAT,
    tags: FRESHDESK_TAGS,
  };
}

export function freshdeskTicketUrl(domain: string, ticketId: string): string {
  return `https://${domain}.freshdesk.com/a/tickets/${ticketId}`;
}

/**
 * What Freshdesk's answer means. Its API takes no idempotency key, so only a rate limit (the
 * request was refused before it was processed) is retried, after its `Retry-After`; anything
 * else fails at once rather than risk a second ticket.
 */
export function freshdeskOutcome(response: WebhookResponse, domain: string): DeliveryOutcome {
  const peer = recordedResponse(response);
  if (response.status >= 200 && response.status < 300) {
    const body = parseJsonBody(response.body) as { id?: unknown } | undefined;
    const id = body?.id;
    if (typeof id !== 'number' && typeof id !== 'string') return { status: 'delivered', ...peer };
    return { status: 'delivered', ...peer, externalId: String(id), externalUrl: freshdeskTicketUrl(domain, String(id)) };
  }
  const error = describeHttpError(response.status, freshdeskErrorText(response.body));
  if (response.status === 429) {
    return { status: 'transient_failure', error, retryAfterMs: parseRetryAfter(response.headers['retry-after']), ...peer };
  }
  return { status: 'permanent_failure', error, ...peer };
}

/** Freshdesk's explanation: `description` (or `message`) and each `errors[]` as `field: message`. */
export function freshdeskErrorText(body: string): string | undefined {
  const parsed = parseJsonBody(body);
  if (typeof parsed !== 'object' || parsed === null) return body.trim() || undefined;
  const { description, message, errors } = parsed as { description?: unknown; message?: unknown; errors?: unknown };
  const summary = [description, message].find((text): text is string => typeof text === 'string');
  const fieldErrors = (Array.isArray(errors) ? errors : []).map((entry: { field?: unknown; message?: unknown; code?: unknown }) =>
    [entry.field, entry.message ?? entry.code].filter((part) => typeof part === 'string').join(': '),
  );
  const parts = [summary, fieldErrors.length > 0 ? `(${fieldErrors.join('; ')})` : undefined].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}
