import { MAX_AUTHOR_NAME_LENGTH, MAX_MESSAGE_LENGTH } from '../conversations/entities/message.entity';
import { authorNameOf, CUT_MARKER, messageTextOf, slackToPlainText } from './inbound-text';

describe('messageTextOf', () => {
  it('turns HTML into plain text, entities decoded and scripts gone', () => {
    const text = messageTextOf('<p>Hello <b>there</b> &amp; welcome</p><script>alert(1)</script><p>Second <a href="https://x.test/a">line</a></p>', 'html');
    expect(text).toBe('Hello there & welcome\n\nSecond line [https://x.test/a]');
  });

  it('removes control and bidi characters and squeezes blank lines', () => {
    expect(messageTextOf('a\u0007b\u202ec\r\n\r\n\r\n\r\nd\u2066', 'slack_mrkdwn')).toBe('abc\n\nd');
  });

  it('cuts a long answer to the message limit with the marker', () => {
    const text = messageTextOf('word '.repeat(2000), 'html');
    expect(Array.from(text)).toHaveLength(MAX_MESSAGE_LENGTH);
    expect(text.endsWith(CUT_MARKER)).toBe(true);
  });

  it('keeps text that fits whole', () => {
    expect(messageTextOf('x'.repeat(MAX_MESSAGE_LENGTH), 'slack_mrkdwn')).toBe('x'.repeat(MAX_MESSAGE_LENGTH));
  });
});

describe('slackToPlainText', () => {
  it('drops mrkdwn marks and renders links and mentions as text', () => {
    expect(slackToPlainText('*Hi* _there_, see <https://x.test|the docs> or <https://y.test>; ~old~ `code` <@U123> in <#C1|support> &lt;b&gt; &amp;')).toBe(
      'Hi there, see the docs (https://x.test) or https://y.test; old code @U123 in #support <b> &',
    );
  });

  it('leaves lone marks alone', () => {
    expect(slackToPlainText('2 * 3 = 6 and snake_case')).toBe('2 * 3 = 6 and snake_case');
  });
});

describe('authorNameOf', () => {
  it('keeps one bounded line, or the fallback', () => {
    expect(authorNameOf('  Ada\n\u202eLovelace ', 'x')).toBe('Ada Lovelace');
    expect(authorNameOf(' \u0000 ', 'Zendesk agent')).toBe('Zendesk agent');
    expect(Array.from(authorNameOf('n'.repeat(200), 'x'))).toHaveLength(MAX_AUTHOR_NAME_LENGTH);
  });
});
