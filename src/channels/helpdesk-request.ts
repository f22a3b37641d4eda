import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { ErrorCode } from '../common/errors/error-code';
import { DeliveryOutcome, PeerResponse } from './delivery-channel';
import { truncateText } from './response-body';
import { HttpMethod, TLS_FAILED, TLS_NOT_TRUSTED, WebhookResponse, WebhookTransport, WebhookTransportError } from './webhook/webhook-transport';

/**
 * How much of a helpdesk's answer is read: a created ticket comes back whole, its comment
 * included, and its id must be parsed from it. Only MAX_RESPONSE_BODY_BYTES are recorded.
 */
const MAX_HELPDESK_RESPONSE_BYTES = 512 * 1024;

/** The longest peer error text kept in a delivery's error. */
const MAX_ERROR_TEXT_LENGTH = 500;

/** `Authorization: Basic ...` for these credentials. */
export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** A helpdesk API base URL from its template, e.g. `https://{subdomain}.zendesk.com`. */
export function apiBaseUrl(template: string, placeholder: string, value: string): string {
  return template.replaceAll(`{${placeholder}}`, value).replace(/\/+$/, '');
}

/** A request whose failure says whether the peer surely did not act on it (then safe to send again). */
export interface HelpdeskRequest {
  /** Default POST. */
  method?: HttpMethod;
  url: string;
  /** Sent as JSON; none for a GET or DELETE. */
  body?: object;
  headers: Record<string, string>;
  /** The outcome of an HTTP answer. */
  outcomeOf: (response: WebhookResponse) => DeliveryOutcome;
  /** Whether a request that got no answer (the transport's reason) may be sent again. */
  retryableFailure: (reason: string) => boolean;
}

/** Sends the request over the SSRF-safe transport and turns what happened into an outcome. */
export async function sendHelpdeskRequest(transport: WebhookTransport, request: HelpdeskRequest): Promise<DeliveryOutcome> {
  let response: WebhookResponse;
  try {
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    response = await transport.request(request.method ?? 'POST', request.url, body, request.headers, {
      maxResponseBytes: MAX_HELPDESK_RESPONSE_BYTES,
    });
  } catch (error) {
    if (!(error instanceof WebhookTransportError)) throw error;
    const status = request.retryableFailure(error.reason) ? 'transient_failure' : 'permanent_failure';
    return { status, ...error.failure };
  }
  return request.outcomeOf(response);
}

/** What is recorded of an answer: its status and at most 2 KB of its body. */
export function recordedResponse(response: WebhookResponse): Required<Pick<PeerResponse, 'responseStatus' | 'responseBody'>> {
  return { responseStatus: response.status, responseBody: truncateText(response.body) };
}

/** Failures the peer never heard of or refused to connect for: sending again cannot duplicate. */
export function failedBeforeSending(reason: string): boolean {
  return reason === 'connection refused';
}

/** Failures that a later try may get past, unlike a refused address or an untrusted certificate. */
export function mayPassLater(reason: string): boolean {
  return !reason.startsWith('address refused') && reason !== TLS_NOT_TRUSTED && reason !== TLS_FAILED;
}

/**
 * `answered 422: <the peer's explanation>`: what a helpdesk says about its own refusal stays
 * useful to the admin, on one line and bounded.
 */
export function describeHttpError(status: number, explanation: string | undefined): string {
  const text = explanation?.replace(/\s+/g, ' ').trim().slice(0, MAX_ERROR_TEXT_LENGTH);
  return text ? `answered ${status}: ${text}` : `answered ${status}`;
}

/** The body as JSON, or undefined when it is not (a proxy's HTML page, a cut-off answer). */
export function parseJsonBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A helpdesk account's name as its API host needs it (`acme`), from what an admin may paste:
 * `acme`, `ACME.zendesk.com` or `https://acme.zendesk.com/`. Throws a 400 for anything else.
 */
export function accountName(input: string, field: string, hostSuffix: string): string {
  const pasted = input.trim().toLowerCase().replace(/^https:\/\//, '').replace(/\/+$/, '');
  const name = pasted.endsWith(hostSuffix) ? pasted.slice(0, -hostSuffix.length) : pasted;
  if (!DNS_LABEL.test(name)) {
    throw new AppError(HttpStatus.BAD_REQUEST, ErrorCode.ValidationFailed, `${field} must be the account name, as in https://<name>${hostSuffix}.`);
  }
  return name;
}
