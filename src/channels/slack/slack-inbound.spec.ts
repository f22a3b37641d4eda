import { createHmac } from 'node:crypto';
import { InboundRequest } from '../inbound-channel';
import { slackInbound } from './slack-inbound';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const NOW = new Date('2026-12-07T12:00:00Z');

function signed(body: string, at = NOW, secret = SECRET): InboundRequest {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { headers: { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature }, rawBody: Buffer.from(body), body: JSON.parse(body), now: NOW };
}

describe('slackInbound', () => {
  const body = '{"type":"event_callback"}';

  it("accepts Slack's v0 signature within 5 minutes", () => {
    expect(() => slackInbound.verify(signed(body, new Date(NOW.getTime() - 4 * 60_000)), { signingSecret: SECRET })).not.toThrow();
  });

  it('refuses another secret, an old timestamp, a missing secret or signature', () => {
    expect(() => slackInbound.verify(signed(body, NOW, 'other'), { signingSecret: SECRET })).toThrow('signature');
    expect(() => slackInbound.verify(signed(body, new Date(NOW.getTime() - 6 * 60_000)), { signingSecret: SECRET })).toThrow('5 minutes');
    expect(() => slackInbound.verify(signed(body), {})).toThrow('No signingSecret');
    expect(() => slackInbound.verify({ ...signed(body), headers: { 'x-slack-request-timestamp': String(NOW.getTime() / 1000) } }, { signingSecret: SECRET })).toThrow('signature');
  });

  it("reads a person's reply in a thread, and ignores bots, edits and top-level messages", () => {
    const event = (fields: object) => slackInbound.read({ type: 'event_callback', event_id: 'Ev1', event: { type: 'message', channel: 'C1', user: 'U1', text: 'hi', ts: '2.0', ...fields } });
    expect(event({ thread_ts: '1.0' })).toEqual({
      kind: 'update',
      update: { thread: 'C1:1.0', handoffId: null, closes: false, answer: { eventId: 'Ev1', itemId: 'C1:2.0', text: 'hi', format: 'slack_mrkdwn', author: { userId: 'U1' } } },
    });
    expect(event({ thread_ts: '1.0', bot_id: 'B1' }).kind).toBe('ignored');
    expect(event({ thread_ts: '1.0', subtype: 'message_changed' }).kind).toBe('ignored');
    expect(event({}).kind).toBe('ignored');
    expect(slackInbound.read({ type: 'url_verification', challenge: 'abc' })).toEqual({ kind: 'challenge', challenge: 'abc' });
  });
});
