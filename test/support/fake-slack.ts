import { ReceivedRequest, ReceiverResponse } from '../../src/channels/testing/https-receiver';
import { FakeVendor, json, startFakeVendor, VendorRequest } from './fake-vendor';

/*
 * Slack's Web API as documented for what a Slack app's bot uses:
 * chat.postMessage (https://docs.slack.dev/reference/methods/chat.postMessage: `{ ok, channel, ts,
 * message }`, `thread_ts` replies in a thread), conversations.replies
 * (https://docs.slack.dev/reference/methods/conversations.replies: the parent, then its replies),
 * chat.delete (https://docs.slack.dev/reference/methods/chat.delete: `message_not_found` when
 * gone) and users.info (https://docs.slack.dev/reference/methods/users.info). Failures are HTTP
 * 200 with `{ ok: false, error }` (`invalid_auth` for a wrong token, `channel_not_found`); rate
 * limits answer HTTP 429 `ratelimited` with `Retry-After`
 * (https://docs.slack.dev/apis/web-api/rate-limits).
 */

export interface SlackPost {
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  /** The parent's ts, on a thread reply. */
  thread_ts?: string;
  /** A bot's post, or a person's reply (`user`). */
  bot_id?: string;
  user?: string;
}

export interface SlackUser {
  id: string;
  real_name: string;
  display_name: string;
}

export interface FakeSlack extends FakeVendor {
  /** Every post that exists, by `<channel>:<ts>`. */
  posts: Map<string, SlackPost>;
  /** The channels the bot is in; any other is `channel_not_found`. */
  channels: Set<string>;
  users: Map<string, SlackUser>;
  /** The replies of a thread, oldest first. */
  repliesOf(channel: string, ts: string): SlackPost[];
  /** A person replies in a thread, as the team would in Slack. */
  personReplies(channel: string, threadTs: string, user: string, text: string): SlackPost;
}

export const slackRateLimited = (retryAfterSeconds = 1): ReceiverResponse => json(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': String(retryAfterSeconds) });

/** A Web API error, which Slack answers with HTTP 200. */
export const slackError = (error: string): ReceiverResponse => json(200, { ok: false, error });

const BOT_ID = 'B0WILOW01';

export async function startFakeSlack(botToken: string, channels: string[]): Promise<FakeSlack> {
  const posts = new Map<string, SlackPost>();
  const users = new Map<string, SlackUser>();
  let clock = 1_700_000_000_000_100;
  const nextTs = () => {
    clock += 100;
    return `${String(clock).slice(0, 10)}.${String(clock).slice(10)}`;
  };
  const argsOf = (request: VendorRequest): Record<string, unknown> => request.json ?? Object.fromEntries(request.query);
  const post = (message: Omit<SlackPost, 'ts'>): SlackPost => {
    const made = { ...message, ts: nextTs() };
    posts.set(`${made.channel}:${made.ts}`, made);
    return made;
  };
  const slack = (await startFakeVendor(
    [
      ['POST', /^\/chat\.postMessage$/, (request) => {
        const { channel, text, blocks, thread_ts: threadTs } = argsOf(request);
        if (typeof channel !== 'string' || !slack.channels.has(channel)) return slackError('channel_not_found');
        if (typeof text !== 'string' || text === '') return slackError('no_text');
        if (text.length > 40_000) return slackError('msg_too_long');
        if (threadTs !== undefined && !posts.has(`${channel}:${String(threadTs)}`)) return slackError('thread_not_found');
        const made = post({ channel, text, bot_id: BOT_ID, ...(Array.isArray(blocks) && { blocks }), ...(typeof threadTs === 'string' && { thread_ts: threadTs }) });
        return json(200, { ok: true, channel, ts: made.ts, message: { type: 'message', text, bot_id: BOT_ID, ts: made.ts } });
      }],
      ['GET', /^\/conversations\.replies$/, (request) => {
        const { channel, ts } = argsOf(request) as { channel?: string; ts?: string };
        if (channel === undefined || !slack.channels.has(channel)) return slackError('channel_not_found');
        const parent = posts.get(`${channel}:${ts}`);
        if (!parent) return slackError('thread_not_found');
        return json(200, { ok: true, messages: [parent, ...slack.repliesOf(channel, parent.ts)], has_more: false });
      }],
      ['POST', /^\/chat\.delete$/, (request) => {
        const { channel, ts } = argsOf(request) as { channel?: string; ts?: string };
        if (channel === undefined || !slack.channels.has(channel)) return slackError('channel_not_found');
        const target = posts.get(`${channel}:${ts}`);
        if (!target) return slackError('message_not_found');
        // A bot deletes only what it posted.
        if (target.bot_id !== BOT_ID) return slackError('cant_delete_message');
        posts.delete(`${channel}:${ts}`);
        return json(200, { ok: true, channel, ts });
      }],
      ['GET', /^\/users\.info$/, (request) => {
        const user = users.get(String(argsOf(request).user));
        if (!user) return slackError('user_not_found');
        return json(200, { ok: true, user: { id: user.id, name: user.display_name.toLowerCase(), real_name: user.real_name, profile: { display_name: user.display_name, real_name: user.real_name } } });
      }],
    ],
    (request: ReceivedRequest) => request.headers.authorization === `Bearer ${botToken}`,
    slackError('invalid_auth'),
  )) as FakeSlack;
  slack.posts = posts;
  slack.channels = new Set(channels);
  slack.users = users;
  slack.repliesOf = (channel, ts) => [...posts.values()].filter((candidate) => candidate.channel === channel && candidate.thread_ts === ts);
  slack.personReplies = (channel, threadTs, user, text) => post({ channel, text, user, thread_ts: threadTs });
  return slack;
}
