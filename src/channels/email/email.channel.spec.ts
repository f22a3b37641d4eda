import { Logger } from '@nestjs/common';
import { TestingModule } from '@nestjs/testing';
import Handlebars from 'handlebars';
import { ParsedMail } from 'mailparser';
import { ChannelConfig, DeliveryOutcome, HandoffPayload } from '../delivery-channel';
import { createChannelsTestingModule } from '../testing/channels-testing-module';
import {
  buildAgentEntry,
  buildAgentFollowUpMessage,
  buildFollowUpMessage,
  buildFollowUpPayload,
  buildHandoffPayload,
  buildHandoffReference,
  buildTranscriptEntry,
  buildVisitorEmailPayload,
} from '../testing/handoff-payload';
import { closedPort } from '../testing/https-receiver';
import { SmtpSink, SmtpSinkOptions, startSmtpSink } from '../testing/smtp-sink';
import { EmailChannel } from './email.channel';

const MAIL_FROM = 'Wilow <handoff@wilow.test>';
const SETTINGS: ChannelConfig = { address: 'team@acme.test' };
const CONTEXT = { deliveryId: 'c0ffee00-0000-4000-8000-000000000001' };
/** `<delivery id@MAIL_FROM's domain>`. */
const MESSAGE_ID = `<${CONTEXT.deliveryId}@wilow.test>`;
const SCRIPT = '<script>alert(1)</script>';
const ATTRIBUTE_BREAKOUT = '"><img src=x onerror=alert(1)>';

type Send = (channel: EmailChannel) => Promise<DeliveryOutcome>;

/** Each email the channel sends, with the tenant's handoff address set. */
const SENDS: Record<string, Send> = {
  handoff: (channel) => channel.deliver(buildHandoffPayload(), SETTINGS, CONTEXT),
  'follow-up': (channel) => channel.deliverFollowUp(buildFollowUpPayload(), SETTINGS, CONTEXT),
  visitor: (channel) => channel.deliverToVisitor(buildVisitorEmailPayload(), SETTINGS, CONTEXT),
};

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

  /** Sends one email to a fresh sink, which must accept it under its Message-ID. */
  async function sendAndReceive(send: Send): Promise<ParsedMail> {
    const { channel, sink } = await channelWithSink();
    const outcome = await send(channel);
    expect(outcome).toMatchObject({ status: 'delivered', responseStatus: 250, externalId: MESSAGE_ID });
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0].messageId).toBe(MESSAGE_ID);
    return sink.messages[0];
  }

  function deliverAndReceive(payload: HandoffPayload): Promise<ParsedMail> {
    return sendAndReceive((channel) => channel.deliver(payload, SETTINGS, CONTEXT));
  }

  /** Where each of `texts` stands in `part`: all there, in this order. */
  function expectInOrder(part: string, texts: string[]): void {
    const positions = texts.map((text) => part.indexOf(text));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  }

  it('retries on the EMAIL_RETRY_* schedule', async () => {
    module = await createChannelsTestingModule({ SMTP_URL: 'smtp://127.0.0.1:1', EMAIL_RETRY_ATTEMPTS: '4', EMAIL_RETRY_BASE_MS: '500' });
    expect(module.get(EmailChannel).retryPolicy).toEqual({ attempts: 4, backoffBaseMs: 500, honoursRetryAfter: false, repeatsSafely: true });
  });

  it('keeps the newest messages that fit one email when the conversation is too long, and says so', async () => {
    const long = 'x'.repeat(4000);
    const transcript = Array.from({ length: 400 }, (_, index) =>
      buildTranscriptEntry({ content: `message ${index} ${long}`, createdAt: new Date(Date.UTC(2025, 2, 3, 14, 0, index)) }),
    );

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

    for (const part of [mail.text!, mail.html as string]) {
      expectInOrder(part, ['Visitor', 'Hello, my invoice is wrong.', 'Assistant', '2025-03-03 14:02:00 UTC', 'I can help with invoices.', 'I want to talk to a person.']);
    }
  });

  it('shows an agent message of the transcript as written by that agent, one of the team', async () => {
    const transcript = [buildTranscriptEntry({ content: 'Anyone there?' }), buildAgentEntry({ content: 'Yes, Dana here.', createdAt: new Date('2025-03-03T14:03:00Z') })];

    const mail = await deliverAndReceive(buildHandoffPayload({ transcript }));

    for (const part of [mail.text!, mail.html as string]) {
      expectInOrder(part, ['Visitor', 'Anyone there?', 'Dana (team)', '2025-03-03 14:03:00 UTC', 'Yes, Dana here.']);
    }
  });

  it('gives every email a Message-ID made of the delivery id and MAIL_FROM\'s domain, and starts no thread with the handoff', async () => {
    const mail = await deliverAndReceive(buildHandoffPayload());

    expect(mail.messageId).toBe(MESSAGE_ID);
    expect(mail.headers.has('in-reply-to')).toBe(false);
    expect(mail.headers.has('references')).toBe(false);
  });

  it.each([
    ['handoff@localhost', 'localhost'],
    ['Wilow <handoff@localhost>', 'localhost'],
    ['"Acme, Inc." <notify@mail.acme.test>', 'mail.acme.test'],
  ])('takes the Message-ID domain from MAIL_FROM %s', async (from, domain) => {
    sink = await startSmtpSink();
    module = await createChannelsTestingModule({ SMTP_URL: sink.url, MAIL_FROM: from });

    const outcome = await module.get(EmailChannel).deliver(buildHandoffPayload(), SETTINGS, CONTEXT);

    expect(outcome).toMatchObject({ status: 'delivered', externalId: `<${CONTEXT.deliveryId}@${domain}>` });
    expect(sink.messages[0].messageId).toBe(`<${CONTEXT.deliveryId}@${domain}>`);
  });

  it('refuses to start with a MAIL_FROM that has no address to take a domain from', async () => {
    await expect(createChannelsTestingModule({ SMTP_URL: 'smtp://127.0.0.1:1', MAIL_FROM: 'Wilow handoffs' })).rejects.toThrow(
      "MAIL_FROM 'Wilow handoffs' has no email address with a domain",
    );
  });

  it('escapes every piece of visitor text in the HTML and keeps it out of links', async () => {
    const evil = `${SCRIPT}\n${ATTRIBUTE_BREAKOUT}`;
    const payload = buildHandoffPayload({
      visitorEmail: `"${SCRIPT}"@example.org`,
      reason: evil,
      transcript: [buildTranscriptEntry({ content: evil }), buildAgentEntry({ author: { name: evil }, content: evil })],
    });

    const mail = await deliverAndReceive(payload);
    const html = mail.html as string;

    expect(html).not.toMatch(/<script|<img|onerror=/i);
    expect(html).toContain(`${Handlebars.escapeExpression(SCRIPT)}<br>`);
    expect(html).toContain(Handlebars.escapeExpression(ATTRIBUTE_BREAKOUT));
    expect(html).toContain(`${Handlebars.escapeExpression(`${SCRIPT} ${ATTRIBUTE_BREAKOUT}`)} (team)`);
    const links = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
    expect(links).toEqual([Handlebars.escapeExpression(payload.adminConversationUrl)]);
    // The plain-text part shows what the visitor typed, unaltered.
    expect(mail.text).toContain(evil);
  });

  it('turns line breaks of visitor text into <br> in the HTML', async () => {
    const payload = buildHandoffPayload({
      reason: 'first line\r\nsecond line',
      transcript: [buildTranscriptEntry({ content: 'one\ntwo' })],
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

  const SMTP_REPLIES = [
    ['RCPT TO', 550, 'permanent_failure'],
    ['RCPT TO', 451, 'transient_failure'],
    ['DATA', 554, 'permanent_failure'],
    ['DATA', 451, 'transient_failure'],
  ] as const;

  it.each(Object.keys(SENDS).flatMap((email) => SMTP_REPLIES.map(([command, code, status]) => [email, command, code, status] as const)))(
    'classifies the %s email answered at %s with %d as %s',
    async (email, command, code, status) => {
      const reply = () => ({ code, message: `${code === 451 ? '4.3.0 Try again later' : '5.1.1 Rejected'}` });
      const { channel, sink } = await channelWithSink(command === 'DATA' ? { onData: reply } : { onRcptTo: reply });

      const outcome = await SENDS[email](channel);

      expect(outcome).toMatchObject({
        status,
        error: expect.stringContaining(String(code)),
        responseStatus: code,
        responseBody: expect.stringMatching(new RegExp(`^${code} `)),
      });
      expect(outcome).not.toHaveProperty('externalId');
      expect(sink.messages).toHaveLength(0);
    },
  );

  it.each(Object.keys(SENDS))('classifies a mail server that is not listening as transient, for the %s email', async (email) => {
    const channel = await channelSendingTo(`smtp://127.0.0.1:${await closedPort()}`);

    const outcome = await SENDS[email](channel);

    expect(outcome).toEqual({ status: 'transient_failure', error: 'mail server: connection failed', diagnostic: expect.stringContaining('ECONNREFUSED') });
  });

  it('gathers follow-ups for FOLLOW_UP_EMAIL_DELAY_MS, writes to visitors and announces no resolution', async () => {
    module = await createChannelsTestingModule({ SMTP_URL: 'smtp://127.0.0.1:1', FOLLOW_UP_EMAIL_DELAY_MS: '30000' });
    const channel = module.get(EmailChannel);

    expect(channel.followUps).toEqual({ batchDelayMs: 30_000 });
    expect(channel.reachesVisitors).toBe(true);
    expect(channel.announcesResolution).toBe(false);
  });

  describe('follow-ups', () => {
    const handoff = buildHandoffReference();
    const messages = [
      buildFollowUpMessage(),
      buildAgentFollowUpMessage({ source: 'slack' }),
      buildFollowUpMessage({ id: 'a7b6c5d4-e3f2-4a1b-9c8d-7e6f5a4b3c2d', sequence: 6, role: 'assistant', content: 'Noted.', createdAt: new Date('2025-03-03T14:08:00Z') }),
    ];

    function followUpAndReceive(...args: Parameters<typeof buildFollowUpPayload>): Promise<ParsedMail> {
      return sendAndReceive((channel) => channel.deliverFollowUp(buildFollowUpPayload(...args), SETTINGS, CONTEXT));
    }

    it('sends one email to the handoff address, threaded under the handoff email', async () => {
      const mail = await followUpAndReceive(messages);

      expect(mail.to).toMatchObject({ value: [{ name: 'Acme Support', address: 'team@acme.test' }] });
      expect(mail.from).toMatchObject({ value: [{ name: 'Wilow', address: 'handoff@wilow.test' }] });
      expect(mail.inReplyTo).toBe(handoff.externalId);
      expect(mail.references).toBe(handoff.externalId);
      expect(mail.subject).toBe('Re: [Wilow] Handoff from Acme Support');
      expect(mail.replyTo).toMatchObject({ value: [{ address: 'visitor@example.org' }] });
      expect(mail.headers.get('x-wilow-handoff-id')).toBe(handoff.handoffId);
      expect(mail.text).toContain(`Open the conversation: ${handoff.adminConversationUrl}`);
      expect(mail.html).toContain(`href="${Handlebars.escapeExpression(handoff.adminConversationUrl)}"`);
    });

    it('carries every message oldest first with its speaker, UTC time and content, in both parts', async () => {
      const mail = await followUpAndReceive(messages);

      for (const part of [mail.text!, mail.html as string]) {
        expectInOrder(part, [
          'Visitor',
          '2025-03-03 14:06:30 UTC',
          'My order number is 4471.',
          'Dana (team)',
          '2025-03-03 14:07:00 UTC',
          'Hi, Dana here: let me look.',
          'Assistant',
          '2025-03-03 14:08:00 UTC',
          'Noted.',
        ]);
      }
    });

    it('escapes every piece of visitor and agent text in the HTML', async () => {
      const evil = `${SCRIPT}\n${ATTRIBUTE_BREAKOUT}`;
      const payload = [buildFollowUpMessage({ content: evil }), buildAgentFollowUpMessage({ author: { name: SCRIPT }, content: evil })];

      const mail = await followUpAndReceive(payload, { tenantName: `Acme ${SCRIPT}`, visitorEmail: `"${SCRIPT}"@example.org` });
      const html = mail.html as string;

      expect(html).not.toMatch(/<script|<img|onerror=/i);
      expect(html).toContain(`${Handlebars.escapeExpression(SCRIPT)}<br>`);
      expect(html).toContain(`${Handlebars.escapeExpression(SCRIPT)} (team)`);
      expect(html).toContain(`Acme ${Handlebars.escapeExpression(SCRIPT)}`);
      const links = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
      expect(links).toEqual([Handlebars.escapeExpression(handoff.adminConversationUrl)]);
      expect(mail.text).toContain(evil);
      expect(mail.text).toContain(`${SCRIPT} (team)`);
    });

    it('starts no thread when the handoff email\'s Message-ID is unknown, and has no Reply-To without a visitor email', async () => {
      const mail = await followUpAndReceive(messages, { externalId: null, visitorEmail: null });

      expect(mail.headers.has('in-reply-to')).toBe(false);
      expect(mail.headers.has('references')).toBe(false);
      expect(mail.replyTo).toBeUndefined();
      expect(mail.subject).toBe('Re: [Wilow] Handoff from Acme Support');
      expect(mail.text).not.toContain('Visitor email');
    });
  });

  describe('visitor emails', () => {
    const answers = [
      buildAgentFollowUpMessage(),
      buildAgentFollowUpMessage({
        id: 'f1e2d3c4-b5a6-4978-8877-665544332211',
        sequence: 7,
        author: { name: 'Sam' },
        content: 'Your refund is on its way.',
        createdAt: new Date('2025-03-03T14:09:00Z'),
      }),
    ];

    function visitorEmailAndReceive(config: ChannelConfig, ...args: Parameters<typeof buildVisitorEmailPayload>): Promise<ParsedMail> {
      return sendAndReceive((channel) => channel.deliverToVisitor(buildVisitorEmailPayload(...args), config, CONTEXT));
    }

    it('emails the visitor the answers with the agents\' names and times, Reply-To the team', async () => {
      const mail = await visitorEmailAndReceive(SETTINGS, answers);

      expect(mail.to).toMatchObject({ value: [{ address: 'visitor@example.org' }] });
      expect(mail.from).toMatchObject({ value: [{ name: 'Wilow', address: 'handoff@wilow.test' }] });
      expect(mail.replyTo).toMatchObject({ value: [{ name: 'Acme Support', address: 'team@acme.test' }] });
      expect(mail.subject).toBe('Acme Support answered your message');
      expect(mail.headers.get('x-wilow-handoff-id')).toBe(buildHandoffReference().handoffId);
      expect(mail.headers.has('in-reply-to')).toBe(false);
      for (const part of [mail.text!, mail.html as string]) {
        expectInOrder(part, [
          'Acme Support answered your message',
          'Dana',
          '2025-03-03 14:07:00 UTC',
          'Hi, Dana here: let me look.',
          'Sam',
          '2025-03-03 14:09:00 UTC',
          'Your refund is on its way.',
          'You can reply to this email to write to Acme Support.',
        ]);
        expect(part).not.toContain('(team)');
      }
    });

    it('has no Reply-To, and says nothing of replying, when the tenant has no handoff address', async () => {
      const mail = await visitorEmailAndReceive({}, answers);

      expect(mail.replyTo).toBeUndefined();
      expect(mail.text).not.toMatch(/reply/i);
      expect(mail.html).not.toMatch(/reply/i);
      expect(mail.text).toContain('Your refund is on its way.');
    });

    it('escapes the tenant\'s name, the agents\' names and their answers in the HTML', async () => {
      const evil = `${SCRIPT}\n${ATTRIBUTE_BREAKOUT}`;

      const mail = await visitorEmailAndReceive(SETTINGS, [buildAgentFollowUpMessage({ author: { name: SCRIPT }, content: evil })], {
        tenantName: `Acme ${SCRIPT}`,
      });
      const html = mail.html as string;

      expect(html).not.toMatch(/<script|<img|onerror=/i);
      expect(html).toContain(`${Handlebars.escapeExpression(SCRIPT)}<br>`);
      expect(html).toContain(`<strong>${Handlebars.escapeExpression(SCRIPT)}</strong>`);
      expect(html).toContain(`Acme ${Handlebars.escapeExpression(SCRIPT)} answered your message`);
      expect(html).not.toMatch(/href=/);
      expect(mail.text).toContain(evil);
      expect(mail.subject).toBe(`Acme ${SCRIPT} answered your message`);
    });
  });
});
