import { DeliveryOutcome, HandoffPayload } from '../delivery-channel';
import { describeHttpError, recordedResponse } from '../helpdesk-request';
import { parseRetryAfter } from '../retry-after';
import { formatUtc, singleLine, speakerOf } from '../transcript-format';
import { fitNewestMessages, isTruncated } from '../transcript-fit';
import { WebhookResponse } from '../webhook/webhook-transport';

/** Slack's limits on one message (Block Kit): blocks per message, characters per text. */
export const SLACK_MAX_BLOCKS = 50;
export const SLACK_MAX_SECTION_TEXT = 3000;
const SLACK_MAX_HEADER_TEXT = 150;
const SLACK_MAX_FIELD_TEXT = 2000;

export interface SlackMessage {
  /** The notification's text, and what clients without Block Kit show. */
  text: string;
  blocks: object[];
}

/**
 * Text as Slack mrkdwn shows it literally: with `&`, `<` and `>` escaped, no visitor text can
 * become a mention (`<!channel>`, `<@U123>`) or a link.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** At most `limit` characters of escaped text, never cutting an escape in half. */
export function limitEscaped(escaped: string, limit: number): string {
  if (escaped.length <= limit) return escaped;
  return `${escaped.slice(0, limit - 1).replace(/&[a-z]*$/, '')}…`;
}

/** The handoff as one Slack message with the newest messages of the transcript that fit. */
export function slackMessage(payload: HandoffPayload): SlackMessage {
  return fitNewestMessages(payload, renderSlackMessage, (message) => message.blocks.length <= SLACK_MAX_BLOCKS).rendering;
}

export function renderSlackMessage(payload: HandoffPayload): SlackMessage {
  const title = `${payload.test ? '[Test] ' : ''}Handoff from ${singleLine(payload.tenantName)}`;
  const reason = payload.reason ? escapeMrkdwn(payload.reason) : '_Not given_';
  const blocks: object[] = [
    { type: 'header', text: { type: 'plain_text', text: limitPlain(title, SLACK_MAX_HEADER_TEXT), emoji: false } },
    {
      type: 'section',
      fields: [
        mrkdwn(`*Visitor email*\n${payload.visitorEmail ? escapeMrkdwn(payload.visitorEmail) : '_Not given_'}`, SLACK_MAX_FIELD_TEXT),
        mrkdwn(`*Reason*\n${reason}`, SLACK_MAX_FIELD_TEXT),
      ],
    },
    ...(isTruncated(payload)
      ? [{ type: 'context', elements: [mrkdwn(`The newest ${payload.transcript.length} of ${payload.transcriptTotal} messages.`, SLACK_MAX_SECTION_TEXT)] }]
      : []),
    ...payload.transcript.map((entry) => ({
      type: 'section',
      text: mrkdwn(`*${escapeMrkdwn(speakerOf(entry))}* · ${formatUtc(entry.createdAt)}\n${escapeMrkdwn(entry.content)}`, SLACK_MAX_SECTION_TEXT),
    })),
    {
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the conversation' }, url: payload.adminConversationUrl }],
    },
  ];
  const summary = payload.reason ? `${title}: ${escapeMrkdwn(singleLine(payload.reason))}` : title;
  return { text: limitEscaped(summary, SLACK_MAX_SECTION_TEXT), blocks };
}

function mrkdwn(escaped: string, limit: number): object {
  return { type: 'mrkdwn', text: limitEscaped(escaped, limit), verbatim: true };
}

function limitPlain(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/**
 * What Slack's answer means: `ok` is delivered; a rate limit waits for its `Retry-After` and
 * server errors back off; anything else (`invalid_payload`, `channel_is_archived`, a revoked
 * webhook) fails at once with Slack's error string.
 */
export function slackOutcome(response: WebhookResponse): DeliveryOutcome {
  const peer = recordedResponse(response);
  if (response.status >= 200 && response.status < 300) return { status: 'delivered', ...peer };
  const error = describeHttpError(response.status, response.body);
  if (response.status === 429) {
    return { status: 'transient_failure', error, retryAfterMs: parseRetryAfter(response.headers['retry-after']), ...peer };
  }
  if (response.status >= 500) return { status: 'transient_failure', error, ...peer };
  return { status: 'permanent_failure', error, ...peer };
}
