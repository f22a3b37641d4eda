import { createHmac } from 'node:crypto';
import { HttpsReceiver, ReceivedRequest, ReceiverResponse, startHttpsReceiver } from '../../src/channels/testing/https-receiver';

/**
 * Zendesk's webhook signature headers for `body` ("Verifying webhook authenticity",
 * https://developer.zendesk.com/documentation/webhooks/verifying/): base64 HMAC-SHA256 of the
 * timestamp followed by the body.
 */
export function zendeskSignature(secret: string, body: string, at = new Date()): Record<string, string> {
  const timestamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    'X-Zendesk-Webhook-Signature': createHmac('sha256', secret).update(timestamp + body).digest('base64'),
    'X-Zendesk-Webhook-Signature-Timestamp': timestamp,
  };
}

/**
 * Slack's request signature headers for `body` ("Verifying requests from Slack",
 * https://api.slack.com/authentication/verifying-requests-from-slack).
 */
export function slackSignature(secret: string, body: string, at = new Date()): Record<string, string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return {
    'X-Slack-Request-Timestamp': timestamp,
    'X-Slack-Signature': `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`,
  };
}

/** A Slack Events API `event_callback` for a message event (https://api.slack.com/events/message). */
export function slackMessageEvent(eventId: string, event: Record<string, unknown>): string {
  return JSON.stringify({ token: 'verification-token', team_id: 'T0001', api_app_id: 'A0001', type: 'event_callback', event_id: eventId, event_time: 1700000000, event: { type: 'message', ...event } });
}

export interface FakeHelpdeskApis {
  server: HttpsReceiver;
  /** Base URL: `${url}/zendesk`, `${url}/freshdesk` and `${url}/slack/api` are the three vendors. */
  url: string;
  /** Slack users `users.info` knows, by id. */
  slackUsers: Map<string, { real_name: string; profile: { display_name: string; real_name: string } }>;
  ticketsCreated(vendor: 'zendesk' | 'freshdesk'): number[];
}

/**
 * The few vendor calls a handoff and its inbound answers need, as the vendors document them:
 * Zendesk `POST /api/v2/tickets.json` → 201 `{ ticket }` (Tickets API); Freshdesk
 * `POST /api/v2/tickets` → 201 with the ticket (API v2); a Slack incoming webhook → 200 `ok`; Slack
 * `chat.postMessage` (https://api.slack.com/methods/chat.postMessage) → 200 `{ ok, channel, ts }`; and
 * Slack `users.info` (https://api.slack.com/methods/users.info) → 200 `{ ok, user }`, or
 * `{ ok: false, error: 'not_authed' | 'invalid_auth' | 'user_not_found' }`.
 */
export async function startFakeHelpdeskApis(slackBotToken: string): Promise<FakeHelpdeskApis> {
  const created = { zendesk: [] as number[], freshdesk: [] as number[] };
  const slackUsers: FakeHelpdeskApis['slackUsers'] = new Map();
  let nextId = 5000;
  const json = (status: number, body: object): ReceiverResponse => ({ status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const respond = (request: ReceivedRequest): ReceiverResponse => {
    const url = new URL(request.path, 'https://fake.example');
    if (request.method !== 'POST') return json(405, { error: 'method_not_allowed' });
    switch (url.pathname) {
      case '/zendesk/api/v2/tickets.json': {
        const id = nextId++;
        created.zendesk.push(id);
        return json(201, { ticket: { id, url: `https://acme.zendesk.com/api/v2/tickets/${id}.json`, status: 'new' } });
      }
      case '/freshdesk/api/v2/tickets': {
        const id = nextId++;
        created.freshdesk.push(id);
        return json(201, { id, status: 2 });
      }
      case '/slack/services/T0001/B0001/hook':
        return { status: 200, body: 'ok' };
      case '/slack/api/chat.postMessage': {
        if (request.headers.authorization !== `Bearer ${slackBotToken}`) return json(200, { ok: false, error: 'invalid_auth' });
        const { channel } = JSON.parse(request.body.toString()) as { channel: string };
        return json(200, { ok: true, channel, ts: `${1_700_000_000 + nextId++}.000100` });
      }
      case '/slack/api/users.info': {
        const authorization = request.headers.authorization;
        if (!authorization) return json(200, { ok: false, error: 'not_authed' });
        if (authorization !== `Bearer ${slackBotToken}`) return json(200, { ok: false, error: 'invalid_auth' });
        const user = slackUsers.get(url.searchParams.get('user') ?? '');
        return user ? json(200, { ok: true, user: { id: url.searchParams.get('user'), ...user } }) : json(200, { ok: false, error: 'user_not_found' });
      }
      default:
        return json(404, { error: 'InvalidEndpoint' });
    }
  };
  const server = await startHttpsReceiver({ respond });
  const url = `https://localhost:${server.port}`;
  return { server, url, slackUsers, ticketsCreated: (vendor) => created[vendor] };
}
