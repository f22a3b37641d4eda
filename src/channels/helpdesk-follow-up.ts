import { DeliveryOutcome, FollowUpMessage } from './delivery-channel';
import { describeHttpError, HelpdeskRequest, mayPassLater, recordedResponse, sendHelpdeskRequest } from './helpdesk-request';
import { parseRetryAfter } from './retry-after';
import { WebhookResponse, WebhookTransport } from './webhook/webhook-transport';

/**
 * A follow-up's marker: a line of its own text naming the delivery. Comments, notes and Slack
 * messages keep their text exactly and return it when listed, unlike HTML comments (sanitised
 * away) or request metadata (kept on the audit, not on what is listed), so the marker is text.
 */
export function followUpMarker(deliveryId: string): string {
  return `wilow-delivery: ${deliveryId}`;
}

/** Whether a comment's, note's or message's text carries this delivery's marker. */
export function carriesMarker(text: unknown, deliveryId: string): boolean {
  return typeof text === 'string' && text.includes(followUpMarker(deliveryId));
}

/** Who said a follow-up, as a private note introduces it for the team. */
export function speakerOf(message: FollowUpMessage): string {
  switch (message.role) {
    case 'user':
      return 'The visitor';
    case 'assistant':
      return 'The assistant';
    case 'agent':
      return `${message.author?.name ?? 'An agent'} (answered in ${message.source ?? 'admin'})`;
  }
}

/** A follow-up as plain text: who said it (unless the author is shown by the helpdesk itself), what, and the marker. */
export function followUpText(message: FollowUpMessage, deliveryId: string, { bySpeaker }: { bySpeaker: boolean }): string {
  const said = bySpeaker ? message.content : `${speakerOf(message)}:\n${message.content}`;
  return `${said}\n\n${followUpMarker(deliveryId)}`;
}

/**
 * What a helpdesk's answer to creating a comment, note or post means. Only what surely created
 * nothing may be retried blindly (see createdNothing); other server errors are ambiguous, and the
 * marker decides (sendFollowUpOnce). Other 4xx cannot succeed by trying again.
 */
export function followUpOutcome(response: WebhookResponse, createdId: (body: string) => string | undefined, errorText: (body: string) => string | undefined): DeliveryOutcome {
  const peer = recordedResponse(response);
  const { status } = response;
  if (status >= 200 && status < 300) {
    const externalId = createdId(response.body);
    return externalId === undefined ? { status: 'delivered', ...peer } : { status: 'delivered', ...peer, externalId };
  }
  const error = describeHttpError(status, errorText(response.body));
  if (status === 429 || status >= 500) return { status: 'transient_failure', error, retryAfterMs: parseRetryAfter(response.headers['retry-after']), ...peer };
  return { status: 'permanent_failure', error, ...peer };
}

/**
 * A transient failure after which the helpdesk surely created nothing: the connection was
 * refused, the request was rate limited (429), or the service said it was unavailable and when
 * to come back (503 with `Retry-After`). A timeout or another 5xx may have created it.
 */
export function createdNothing(outcome: DeliveryOutcome): boolean {
  if (outcome.status !== 'transient_failure') return false;
  if (outcome.responseStatus === undefined) return outcome.error === 'connection refused';
  return outcome.responseStatus === 429 || (outcome.responseStatus === 503 && outcome.retryAfterMs !== undefined);
}

/** What a look for a delivery's marker found: its comment, note or post; surely nothing; or no answer. */
export type MarkerSearch = { found: string } | { absent: true } | { unknown: string };

export interface FollowUpRequest extends HelpdeskRequest {
  /** Looks in the helpdesk for what this delivery created, by its marker. */
  findMarked: () => Promise<MarkerSearch>;
  /** What the request creates, for the error when that cannot be told: "comment". */
  creates: string;
  /** A later try of the delivery: an earlier one may have created it without its outcome being recorded. */
  retried: boolean;
}

/**
 * Creates a follow-up at most once. The vendors take no idempotency key for comments, notes or
 * posts, so after an ambiguous failure the marker is looked for first: found, the delivery is
 * delivered (with what was found); surely absent, it may be retried; unknown, it fails for good
 * rather than risk a duplicate. A later try looks for it before creating it again, as an earlier
 * one may have made it and stopped before its outcome was recorded.
 */
export async function sendFollowUpOnce(transport: WebhookTransport, request: FollowUpRequest): Promise<DeliveryOutcome> {
  if (request.retried) {
    const earlier = await request.findMarked();
    if ('found' in earlier) return { status: 'delivered', externalId: earlier.found };
    // Reading creates nothing: a later try may read again.
    if ('unknown' in earlier) return { status: 'transient_failure', error: `could not look for the ${request.creates} of an earlier try (${earlier.unknown})` };
  }
  const outcome = await sendHelpdeskRequest(transport, request);
  if (outcome.status !== 'transient_failure' || createdNothing(outcome)) return outcome;
  const search = await request.findMarked();
  if ('found' in search) return { status: 'delivered', externalId: search.found, responseStatus: outcome.responseStatus, responseBody: outcome.responseBody };
  if ('absent' in search) return outcome;
  return {
    status: 'permanent_failure',
    error: `could not tell whether the ${request.creates} was created (${outcome.error}; looking for it: ${search.unknown}). Redeliver to send it again.`,
    responseStatus: outcome.responseStatus,
    responseBody: outcome.responseBody,
  };
}

/** A read's answer when 2xx, else the failure (reading creates nothing: a transient one may be retried). */
export async function readFromHelpdesk(
  transport: WebhookTransport,
  request: Pick<HelpdeskRequest, 'url' | 'headers'>,
  errorText: (body: string) => string | undefined,
): Promise<{ body: string } | { failed: FailedOutcome }> {
  let body = '';
  const outcome = await sendHelpdeskRequest(transport, {
    ...request,
    method: 'GET',
    outcomeOf: (response) => {
      body = response.body;
      return followUpOutcome(response, () => undefined, errorText);
    },
    retryableFailure: mayPassLater,
  });
  return outcome.status === 'delivered' ? { body } : { failed: outcome };
}

/** An outcome that is not a delivery: it says why. */
export type FailedOutcome = Exclude<DeliveryOutcome, { status: 'delivered' }>;

/**
 * A marker search over a listing (comments, conversations, thread replies): found, surely
 * absent when the listing was read, or unknown when it could not be.
 */
export async function searchListing(
  transport: WebhookTransport,
  request: Pick<HelpdeskRequest, 'url' | 'headers'>,
  errorText: (body: string) => string | undefined,
  find: (body: string) => { found?: string; listed: boolean },
): Promise<MarkerSearch> {
  const read = await readFromHelpdesk(transport, request, errorText);
  if ('failed' in read) return { unknown: read.failed.error };
  const { found, listed } = find(read.body);
  if (found !== undefined) return { found };
  return listed ? { absent: true } : { unknown: 'the answer was not a listing' };
}

/**
 * Deletes what the service made in a helpdesk. Something already gone (404) is as good as
 * deleted, so a retried erasure goes on past what an earlier try deleted.
 */
export function sendDeletion(transport: WebhookTransport, request: Pick<HelpdeskRequest, 'url' | 'headers'>, errorText: (body: string) => string | undefined): Promise<DeliveryOutcome> {
  return sendHelpdeskRequest(transport, {
    ...request,
    method: 'DELETE',
    outcomeOf: (response) => (response.status === 404 ? { status: 'delivered', ...recordedResponse(response) } : followUpOutcome(response, () => undefined, errorText)),
    retryableFailure: mayPassLater,
  });
}

/** Runs the steps in order, stopping at the first that does not succeed; the last outcome otherwise. */
export async function inTurn(steps: (() => Promise<DeliveryOutcome>)[]): Promise<DeliveryOutcome> {
  let outcome: DeliveryOutcome = { status: 'delivered' };
  for (const step of steps) {
    outcome = await step();
    if (outcome.status !== 'delivered') return outcome;
  }
  return outcome;
}
