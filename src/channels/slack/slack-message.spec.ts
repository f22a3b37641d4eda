import { buildAgentEntry, buildHandoffPayload, buildTranscriptEntry } from '../testing/handoff-payload';
import { escapeMrkdwn, limitEscaped, SLACK_MAX_BLOCKS, SLACK_MAX_SECTION_TEXT, slackMessage, slackOutcome } from './slack-message';

const response = (status: number, body: string, headers: Record<string, string> = {}) => ({ status, body, headers, durationMs: 1 });

describe('slack message', () => {
  it('escapes mrkdwn so no mention or link can be injected', () => {
    expect(escapeMrkdwn('<!channel> & <@U1> <https://x|y>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;https://x|y&gt;');
  });

  it('cuts long text without splitting an escape', () => {
    const cut = limitEscaped(`${'a'.repeat(8)}&amp;`, 11);
    expect(cut).toBe(`${'a'.repeat(8)}…`);
  });

  it('keeps the newest messages within 50 blocks and every text within 3,000 characters', () => {
    const transcript = Array.from({ length: 80 }, (_, index) =>
      buildTranscriptEntry({ content: `message ${index} ${'<'.repeat(2000)}`, createdAt: new Date(Date.UTC(2025, 2, 3, 14, 0, index)) }),
    );
    const { blocks } = slackMessage(buildHandoffPayload({ transcript, transcriptTotal: 80 }));
    expect(blocks.length).toBeLessThanOrEqual(SLACK_MAX_BLOCKS);
    const texts = JSON.stringify(blocks).match(/"text":"(?:[^"\\]|\\.)*"/g) ?? [];
    for (const text of texts) expect(JSON.parse(`{${text}}`).text.length).toBeLessThanOrEqual(SLACK_MAX_SECTION_TEXT);
    expect(JSON.stringify(blocks.at(-2))).toContain('message 79');
    expect(JSON.stringify(blocks)).toContain('The newest');
  });

  it('shows an agent message as written by that agent, the name escaped like any text', () => {
    const transcript = [buildTranscriptEntry({ content: 'Anyone?' }), buildAgentEntry({ author: { name: 'Dana <!channel>' }, content: 'Here <@U1>' })];

    const { blocks } = slackMessage(buildHandoffPayload({ transcript }));

    const texts = blocks.map((block) => (block as { text?: { text: string } }).text?.text);
    expect(texts).toContain('*Visitor* · 2025-03-03 14:01:00 UTC\nAnyone?');
    expect(texts).toContain('*Dana &lt;!channel&gt; (team)* · 2025-03-03 14:01:00 UTC\nHere &lt;@U1&gt;');
  });

  it('maps answers: ok delivered, 429 after Retry-After, 5xx transient, others permanent with Slack\'s error', () => {
    expect(slackOutcome(response(200, 'ok'))).toMatchObject({ status: 'delivered' });
    expect(slackOutcome(response(429, 'rate_limited', { 'retry-after': '3' }))).toMatchObject({ status: 'transient_failure', retryAfterMs: 3000 });
    expect(slackOutcome(response(502, 'bad gateway'))).toMatchObject({ status: 'transient_failure' });
    expect(slackOutcome(response(404, 'channel_not_found'))).toMatchObject({ status: 'permanent_failure', error: 'answered 404: channel_not_found' });
  });
});
