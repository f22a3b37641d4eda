import { createHmac } from 'node:crypto';
import { InboundRequest } from '../inbound-channel';
import { zendeskInbound } from './zendesk-inbound';

const SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';
const NOW = new Date('2026-12-07T12:00:00Z');

function signed(body: string, timestamp = '2026-12-07T11:59:00Z', secret = SECRET): InboundRequest {
  const signature = createHmac('sha256', secret).update(timestamp + body).digest('base64');
  return {
    headers: { 'x-zendesk-webhook-signature': signature, 'x-zendesk-webhook-signature-timestamp': timestamp },
    rawBody: Buffer.from(body),
    body: JSON.parse(body),
    now: NOW,
  };
}

describe('zendeskInbound', () => {
  const body = JSON.stringify({ ticketId: '35436', externalId: '', commentId: '900', commentText: '<p>Hi</p>', authorName: 'Ada', ticketStatus: 'Solved' });

  it("accepts Zendesk's base64 HMAC of timestamp and body", () => {
    expect(() => zendeskInbound.verify(signed(body), { webhookSigningSecret: SECRET })).not.toThrow();
  });

  it('refuses a changed body, another secret and a timestamp more than 5 minutes off', () => {
    const request = signed(body);
    expect(() => zendeskInbound.verify({ ...request, rawBody: Buffer.from(body.replace('Hi', 'Ho')) }, { webhookSigningSecret: SECRET })).toThrow('signature');
    expect(() => zendeskInbound.verify(signed(body, undefined, 'other'), { webhookSigningSecret: SECRET })).toThrow('signature');
    expect(() => zendeskInbound.verify(signed(body, '2026-12-07T11:54:00Z'), { webhookSigningSecret: SECRET })).toThrow('5 minutes');
  });

  it('reads the body template: the comment, its author, and a solved ticket', () => {
    expect(zendeskInbound.read(JSON.parse(body))).toEqual({
      kind: 'update',
      update: { thread: '35436', handoffId: null, closes: true, answer: { eventId: '900', itemId: '900', text: '<p>Hi</p>', format: 'html', author: { name: 'Ada' } } },
    });
    expect(() => zendeskInbound.read({ ticketId: 'abc' })).toThrow('ticketId');
    expect(() => zendeskInbound.read([])).toThrow('JSON object');
  });
});
