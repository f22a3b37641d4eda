import { headerOf, InboundChannel, InboundConfig, InboundNews, InboundRequest, objectBody, requireFreshTimestamp, requireHmac, signingSecretOf, unreadableBody } from '../inbound-channel';

/**
 * Answers from Slack: the Events API request URL of the tenant's Slack app
 * (https://api.slack.com/apis/events-api). Requests are signed as "Verifying requests from Slack"
 * says (https://api.slack.com/authentication/verifying-requests-from-slack): `v0=` + hex
 * HMAC-SHA256 of `v0:{X-Slack-Request-Timestamp}:{raw body}` with the app's signing secret, in
 * X-Slack-Signature. A message in the thread of a handoff's post is an answer; Slack resends an
 * event it got no 200 for within 3 s (X-Slack-Retry-Num), with the same `event_id`.
 */
export const slackInbound: InboundChannel = {
  setupSteps: [
    "In your Slack app's settings (api.slack.com/apps), under OAuth & Permissions, add the bot token scopes chat:write, channels:history, groups:history and users:read, and reinstall the app.",
    "Under Basic Information, copy the Signing Secret and save it here as 'Signing secret'.",
    'Under Event Subscriptions, turn events on and set the Request URL to {inboundUrl} (Slack checks it at once).',
    'Under Subscribe to bot events, add message.channels and message.groups, and save.',
    "Invite the app to the handoff channel (/invite @your-app). Replies in a handoff's thread reach the visitor.",
  ],
  bodyTemplate: null,

  verify(request: InboundRequest, config: InboundConfig): void {
    const secret = signingSecretOf(config, 'signingSecret');
    const timestamp = headerOf(request, 'x-slack-request-timestamp') ?? '';
    requireFreshTimestamp(/^\d{1,12}$/.test(timestamp) ? Number(timestamp) * 1000 : Number.NaN, request.now);
    const signed = Buffer.concat([Buffer.from(`v0:${timestamp}:`, 'utf8'), request.rawBody]);
    requireHmac(secret, signed, headerOf(request, 'x-slack-signature'), 'hex', 'v0=');
  },

  read(body: unknown): InboundNews {
    const envelope = objectBody(body);
    if (envelope.type === 'url_verification') {
      if (typeof envelope.challenge !== 'string') throw unreadableBody('url_verification carries no challenge');
      return { kind: 'challenge', challenge: envelope.challenge };
    }
    if (envelope.type !== 'event_callback') return { kind: 'ignored', reason: `an event of type ${String(envelope.type)}` };
    if (typeof envelope.event_id !== 'string' || typeof envelope.event !== 'object' || envelope.event === null) {
      throw unreadableBody('an event_callback carries event_id and event');
    }
    return readMessageEvent(envelope.event_id, envelope.event as Record<string, unknown>);
  },
};

/**
 * A person's new message in a thread (https://api.slack.com/events/message): bots' posts (the
 * service's own included), edits, deletions and every other subtype are not answers.
 */
function readMessageEvent(eventId: string, event: Record<string, unknown>): InboundNews {
  if (event.type !== 'message') return { kind: 'ignored', reason: `a ${String(event.type)} event` };
  if (event.subtype !== undefined) return { kind: 'ignored', reason: `a message of subtype ${String(event.subtype)}` };
  if (event.bot_id !== undefined) return { kind: 'ignored', reason: "a bot's message" };
  const { channel, user, text, ts, thread_ts: threadTs } = event;
  if (typeof channel !== 'string' || typeof user !== 'string' || typeof text !== 'string' || typeof ts !== 'string') {
    throw unreadableBody('a message event carries channel, user, text and ts');
  }
  if (typeof threadTs !== 'string' || threadTs === ts) return { kind: 'ignored', reason: 'a message outside a thread' };
  return {
    kind: 'update',
    update: {
      thread: `${channel}:${threadTs}`,
      handoffId: null,
      closes: false,
      answer: { eventId, itemId: `${channel}:${ts}`, text, format: 'slack_mrkdwn', author: { userId: user } },
    },
  };
}
