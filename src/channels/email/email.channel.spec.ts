import { Logger } from '@nestjs/common';
import { TestingModule } from '@nestjs/testing';
import Handlebars from 'handlebars';
import { ParsedMail } from 'mailparser';
import { ChannelConfig, HandoffPayload } from '../delivery-channel';
import { createChannelsTestingModule } from '../testing/channels-testing-module';
import { buildHandoffPayload } from '../testing/handoff-payload';
import { closedPort } from '../testing/https-receiver';
import { SmtpSink, SmtpSinkOptions, startSmtpSink } from '../testing/smtp-sink';
import { EmailChannel } from './email.channel';

const MAIL_FROM = 'Wilow <handoff@wilow.test>';
const SETTINGS: ChannelConfig = { address: 'team@acme.test' };
const SCRIPT = '<script>alert(1)</script>';
const ATTRIBUTE_BREAKOUT = '"><img src=x onerror=alert(1)>';

describe('EmailChannel', () => {
  let sink: SmtpSink | undefined;
  let module: TestingModule | undefined;

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await module?.close();
    await sink?.close();
    module = sink = undefined;
  });

  /** The channel as ChannelsModule builds it, sending through real SMTP to smtpUrl. */
  async function channelSendingTo(smtpUrl: string): Promise<EmailChannel> {
    module = await createChannelsTestingModule({ SMTP_URL: smtpUrl, MAIL_FROM });
    return module.get(EmailChannel);
  }

  async function channelWithSink(options?: SmtpSinkOptions): Promise<{ channel: EmailChannel; sink: SmtpSink }> {
    sink = await startSmtpSink(options);
    return { channel: await channelSendingTo(sink.url), sink };
  }

  async function deliverAndReceive(payload: HandoffPayload): Promise<ParsedMail> {
    const { channel, sink } = await channelWithSink();
    const outcome = await channel.deliver(payload, SETTINGS);
    expect(outcome).toMatchObject({ status: 'delivered', responseStatus: 250 });
    expect(sink.messages).toHaveLength(1);
    return sink.messages[0];
  }

  it('retries on the EMAIL_RETRY_* schedule', async () => {
    module = await createChannelsTestingModule({ SMTP_URL: 'smtp://127.0.0.1:1', EMAIL_RETRY_ATTEMPTS: '4', EMAIL_RETRY_BASE_MS: '500' });
    expect(module.get(EmailChannel).retryPolicy).toEqual({ attempts: 4, backoffBaseMs: 500, honoursRetryAfter: false, repeatsSafely: true });
  });

  it('keeps the newest messages that fit one email when the conversation is too long, and says so', async () => {
    const long = 'x'.repeat(4000);
    const transcript = Array.from({ length: 400 }, (_, index) => ({
      role: 'user' as const,
      content: `message ${index} ${long}`,
      createdAt: new Date(Date.UTC(2025, 2, 3, 14, 0, index)),
    }));

    const mail = await deliverAndReceive(buildHandoffPayload({ transcript, transcriptTotal: 1000 }));

    expect(Buffer.byteLength(mail.text ?? '') + Buffer.byteLength(String(mail.html))).toBeLessThanOrEqual(1024 * 1024);
    expect(mail.text).toContain('message 399 ');
    expect(mail.text).not.toContain('message 0 ');
    expect(mail.text).toMatch(/The newest \d+ of 1000 messages; open the conversation for all of them\./);
  });

  it('sends the handoff to the tenant, from MAIL_FROM, replying to the visitor', async () => {
    const payload = buildHandoffPayload();

    const mail = await deliverAndReceive(payload);

    expect(mail.to).toMatchObject({ value: [{ name: 'Acme Support', address: 'team@acme.test' }] });
    expect(mail.from).toMatchObject({ value: [{ name: 'Wilow', address: 'handoff@wilow.test' }] });
    expect(mail.replyTo).toMatchObject({ value: [{ address: 'visitor@example.org' }] });
    expect(mail.subject).toBe('[Wilow] Handoff from Acme Support');
    expect(mail.headers.get('x-wilow-handoff-id')).toBe(payload.handoffId);
    expect(mail.text).toContain('Account: Acme Support');
    expect(mail.text).toContain('Requested: 2025-03-03 14:05:07 UTC');
    expect(mail.text).toContain('Visitor email: visitor@example.org');
    expect(mail.text).toContain('Reason: Billing question');
    expect(mail.text).toContain(payload.adminConversationUrl);
    expect(mail.html).toContain('Acme Support');
  });

  it('lists the transcript oldest first with speakers and times, in both parts', async () => {
    const mail = await deliverAndReceive(buildHandoffPayload());

    for (const part of [mail.text, mail.html as string]) {
      const positions = [
        'Visitor',
        'Hello, my invoice is wrong.',
        'Assistant',
        '2025-03-03 14:02:00 UTC',
        'I can help with invoices.',
        'I want to talk to a person.',
      ].map((text) => part!.indexOf(text));
      expect(positions.every((position) => position >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    }
  });

  it('escapes every piece of visitor text in the HTML and keeps it out of links', async () => {
    const evil = `${SCRIPT}\n${ATTRIBUTE_BREAKOUT}`;
    const payload = buildHandoffPayload({
      visitorEmail: `"${SCRIPT}"@example.org`,
      reason: evil,
      transcript: [{ role: 'user', content: evil, createdAt: new Date('2025-03-03T14:01:00Z') }],
    });

    const mail = await deliverAndReceive(payload);
    const html = mail.html as string;

    expect(html).not.toMatch(/<script|<img|onerror=/i);
    expect(html).toContain(`${Handlebars.escapeExpression(SCRIPT)}<br>`);
    expect(html).toContain(Handlebars.escapeExpression(ATTRIBUTE_BREAKOUT));
    const links = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
    expect(links).toEqual([Handlebars.escapeExpression(payload.adminConversationUrl)]);
    // The plain-text part shows what the visitor typed, unaltered.
    expect(mail.text).toContain(evil);
  });

  it('turns line breaks of visitor text into <br> in the HTML', async () => {
    const payload = buildHandoffPayload({
      reason: 'first line\r\nsecond line',
      transcript: [{ role: 'user', content: 'one\ntwo', createdAt: new Date('2025-03-03T14:01:00Z') }],
    });

    const html = (await deliverAndReceive(payload)).html as string;

    expect(html).toContain('first line<br>\nsecond line');
    expect(html).toContain('one<br>\ntwo');
  });

  it('leaves out the visitor email and reason when not given', async () => {
    const mail = await deliverAndReceive(buildHandoffPayload({ visitorEmail: null, reason: null }));

    expect(mail.replyTo).toBeUndefined();
    expect(mail.text).not.toMatch(/Visitor email|Reason/);
    expect(mail.html).not.toMatch(/Visitor email|Reason/);
  });

  it('marks a test handoff in the subject and keeps header values on one line', async () => {
    const payload = buildHandoffPayload({ test: true, tenantName: 'Acme\r\nBcc: attacker@evil.test' });

    const mail = await deliverAndReceive(payload);

    expect(mail.subject).toBe('[Wilow][TEST] Handoff from Acme Bcc: attacker@evil.test');
    expect(mail.bcc).toBeUndefined();
    expect(mail.to).toMatchObject({ value: [{ address: 'team@acme.test' }] });
  });

  it.each([
    ['RCPT TO', 550, 'permanent_failure'],
    ['RCPT TO', 451, 'transient_failure'],
    ['DATA', 554, 'permanent_failure'],
    ['DATA', 451, 'transient_failure'],
  ] as const)('classifies a %s answered with %d as %s', async (command, code, status) => {
    const reply = () => ({ code, message: `${code === 451 ? '4.3.0 Try again later' : '5.1.1 Rejected'}` });
    const { channel, sink } = await channelWithSink(command === 'DATA' ? { onData: reply } : { onRcptTo: reply });

    const outcome = await channel.deliver(buildHandoffPayload(), SETTINGS);

    expect(outcome).toMatchObject({
      status,
      error: expect.stringContaining(String(code)),
      responseStatus: code,
      responseBody: expect.stringMatching(new RegExp(`^${code} `)),
    });
    expect(sink.messages).toHaveLength(0);
  });

  it('classifies a mail server that is not listening as transient', async () => {
    const channel = await channelSendingTo(`smtp://127.0.0.1:${await closedPort()}`);

    const outcome = await channel.deliver(buildHandoffPayload(), SETTINGS);

    expect(outcome).toEqual({ status: 'transient_failure', error: 'mail server: connection failed', diagnostic: expect.stringContaining('ECONNREFUSED') });
  });
});
