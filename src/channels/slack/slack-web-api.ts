import { DeliveryOutcome } from '../delivery-channel';
import { carriesMarker, MarkerSearch, searchListing } from '../helpdesk-follow-up';
import { describeHttpError, HelpdeskRequest, mayPassLater, parseJsonBody, recordedResponse, sendHelpdeskRequest } from '../helpdesk-request';
import { parseRetryAfter } from '../retry-after';
import { WebhookResponse, WebhookTransport } from '../webhook/webhook-transport';

/*
 * The Slack Web API methods a Slack app's bot uses, as Slack documents them:
 * https://docs.slack.dev/reference/methods/chat.postMessage (JSON body, `{ ok, channel, ts }`),
 * https://docs.slack.dev/reference/methods/conversations.replies (a thread, parent first),
 * https://docs.slack.dev/reference/methods/chat.delete (a bot deletes only its own messages),
 * https://docs.slack.dev/apis/web-api/rate-limits (HTTP 429 `ratelimited` with `Retry-After`).
 * Most failures are HTTP 200 with `{ ok: false, error }`.
 */

/** A Slack message as the service records it on a delivery: `<channel id>:<ts>`, e.g. `C0123ABC:1700000000.000100`. */
export interface SlackMessageId {
  channel: string;
  ts: string;
}

export function formatSlackMessageId({ channel, ts }: SlackMessageId): string {
  return `${channel}:${ts}`;
}

/** The channel and ts of a recorded `<channel id>:<ts>`; undefined for anything else (a webhook-mode delivery records none). */
export function parseSlackMessageId(externalId: string | null): SlackMessageId | undefined {
  const match = /^([A-Z0-9]+):(\d+\.\d+)$/.exec(externalId ?? '');
  return match ? { channel: match[1], ts: match[2] } : undefined;
}

/**
 * `{ ok: false }` errors a later try may get past: Slack's own trouble (after which a post may or
 * may not exist: the marker decides) and its rate limit. Any other error (`invalid_auth`,
 * `token_revoked`, `channel_not_found`, `not_in_channel`, `is_archived`, `msg_too_long`,
 * `invalid_blocks`, `missing_scope`...) needs the tenant to act, so it is permanent.
 */
const PASSING_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

/**
 * What a Web API answer means. `ok: true` is delivered, with the message it made as `externalId`
 * when it names one; HTTP 429 waits for its `Retry-After`; a 5xx or Slack's own trouble is
 * transient; every other error is permanent, with Slack's error string.
 */
export function slackApiOutcome(response: WebhookResponse): DeliveryOutcome {
  const peer = recordedResponse(response);
  const answer = parseJsonBody(response.body) as { ok?: unknown; error?: unknown; channel?: unknown; ts?: unknown } | undefined;
  const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
  if (response.status === 429 || response.status >= 500) {
    return { status: 'transient_failure', error: describeHttpError(response.status, errorOf(answer) ?? 'ratelimited'), retryAfterMs, ...peer };
  }
  if (response.status !== 200 || answer === undefined) return { status: 'permanent_failure', error: describeHttpError(response.status, response.body), ...peer };
  if (answer.ok === true) {
    const made = typeof answer.channel === 'string' && typeof answer.ts === 'string' ? { externalId: formatSlackMessageId({ channel: answer.channel, ts: answer.ts }) } : {};
    return { status: 'delivered', ...peer, ...made };
  }
  const error = errorOf(answer) ?? 'unknown_error';
  if (PASSING_ERRORS.has(error)) return { status: 'transient_failure', error: `Slack error: ${error}`, retryAfterMs, ...peer };
  return { status: 'permanent_failure', error: `Slack error: ${error}`, ...peer };
}

function errorOf(answer: { error?: unknown } | undefined): string | undefined {
  return typeof answer?.error === 'string' ? answer.error : undefined;
}

/** In a `conversations.replies` answer, the reply carrying this delivery's marker, and whether it was a listing. */
export function markedReply(body: string, channel: string, deliveryId: string): { found?: string; listed: boolean } {
  const answer = parseJsonBody(body) as { ok?: unknown; messages?: unknown } | undefined;
  if (answer?.ok !== true || !Array.isArray(answer.messages)) return { listed: false };
  const marked = answer.messages.find((message: { text?: unknown }) => carriesMarker(message?.text, deliveryId)) as { ts?: unknown } | undefined;
  return { found: typeof marked?.ts === 'string' ? formatSlackMessageId({ channel, ts: marked.ts }) : undefined, listed: true };
}

/** The Web API with one bot token, over the SSRF-safe transport: the requests a Slack app makes. */
export class SlackWebApi {
  constructor(
    private readonly transport: WebhookTransport,
    private readonly baseUrl: string,
    private readonly botToken: string,
  ) {}

  /** `chat.postMessage` (`thread_ts` replies in a thread), to send as is or at most once. */
  postMessageRequest(message: { channel: string; text: string; blocks?: object[]; thread_ts?: string }): HelpdeskRequest {
    return { url: this.methodUrl('chat.postMessage'), body: message, headers: this.headers(), outcomeOf: slackApiOutcome, retryableFailure: mayPassLater };
  }

  postMessage(message: { channel: string; text: string; blocks?: object[] }): Promise<DeliveryOutcome> {
    return sendHelpdeskRequest(this.transport, this.postMessageRequest(message));
  }

  /** Looks for this delivery's marker among the replies of a thread (`conversations.replies`, a read). */
  findMarkedReply(thread: SlackMessageId, deliveryId: string): Promise<MarkerSearch> {
    const query = new URLSearchParams({ channel: thread.channel, ts: thread.ts, limit: '1000' });
    return searchListing(
      this.transport,
      { url: `${this.methodUrl('conversations.replies')}?${query}`, headers: this.headers() },
      (body) => errorOf(parseJsonBody(body) as { error?: unknown } | undefined),
      (body) => markedReply(body, thread.channel, deliveryId),
    );
  }

  /** `chat.delete`; a message already gone (`message_not_found`) counts as deleted, so a retried erasure goes on. */
  deleteMessage(message: SlackMessageId): Promise<DeliveryOutcome> {
    return sendHelpdeskRequest(this.transport, {
      url: this.methodUrl('chat.delete'),
      body: { channel: message.channel, ts: message.ts },
      headers: this.headers(),
      outcomeOf: (response) => {
        const outcome = slackApiOutcome(response);
        return outcome.status === 'permanent_failure' && outcome.error === 'Slack error: message_not_found' ? { status: 'delivered', ...recordedResponse(response) } : outcome;
      },
      retryableFailure: mayPassLater,
    });
  }

  private methodUrl(method: string): string {
    return `${this.baseUrl}/${method}`;
  }

  private headers(): Record<string, string> {
    return { Authorization: `Bearer ${this.botToken}` };
  }
}
