import { followUpMarker } from '../helpdesk-follow-up';
import { markedReply, parseSlackMessageId, slackApiOutcome } from './slack-web-api';

const response = (status: number, body: unknown, headers: Record<string, string> = {}) => ({ status, body: JSON.stringify(body), headers, durationMs: 1 });

describe('slack web api', () => {
  it('records a post as <channel>:<ts>', () => {
    expect(slackApiOutcome(response(200, { ok: true, channel: 'C0123ABC', ts: '1700000000.000100' }))).toMatchObject({
      status: 'delivered',
      externalId: 'C0123ABC:1700000000.000100',
    });
    expect(slackApiOutcome(response(200, { ok: true }))).toEqual(expect.not.objectContaining({ externalId: expect.anything() }));
    expect(parseSlackMessageId('C0123ABC:1700000000.000100')).toEqual({ channel: 'C0123ABC', ts: '1700000000.000100' });
    expect(parseSlackMessageId(null)).toBeUndefined();
    expect(parseSlackMessageId('35436')).toBeUndefined();
  });

  it.each(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'channel_not_found', 'not_in_channel', 'is_archived', 'msg_too_long', 'invalid_blocks'])(
    'fails { ok: false, error: %s } for good',
    (error) => {
      expect(slackApiOutcome(response(200, { ok: false, error }))).toMatchObject({ status: 'permanent_failure', error: `Slack error: ${error}` });
    },
  );

  it('waits out a rate limit and retries server trouble', () => {
    expect(slackApiOutcome(response(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '30' }))).toMatchObject({
      status: 'transient_failure',
      retryAfterMs: 30_000,
      error: 'answered 429: ratelimited',
      responseStatus: 429,
    });
    expect(slackApiOutcome(response(503, 'unavailable', { 'retry-after': '5' }))).toMatchObject({ status: 'transient_failure', retryAfterMs: 5000 });
    expect(slackApiOutcome(response(500, 'oops'))).toMatchObject({ status: 'transient_failure', retryAfterMs: undefined });
    expect(slackApiOutcome(response(200, { ok: false, error: 'internal_error' }))).toMatchObject({ status: 'transient_failure', responseStatus: 200 });
  });

  it('fails an answer that is not the Web API', () => {
    expect(slackApiOutcome({ status: 404, body: '<html>', headers: {}, durationMs: 1 })).toMatchObject({ status: 'permanent_failure', error: 'answered 404: <html>' });
  });

  it('finds the marked reply in a thread, and tells a thread without it from an error', () => {
    const thread = { ok: true, messages: [{ ts: '1.000100', text: 'Handoff' }, { ts: '1.000200', text: `The visitor:\nhi\n\n${followUpMarker('d-1')}` }] };
    expect(markedReply(JSON.stringify(thread), 'C1', 'd-1')).toEqual({ found: 'C1:1.000200', listed: true });
    expect(markedReply(JSON.stringify(thread), 'C1', 'd-2')).toEqual({ found: undefined, listed: true });
    expect(markedReply(JSON.stringify({ ok: false, error: 'thread_not_found' }), 'C1', 'd-1')).toEqual({ listed: false });
  });
});
