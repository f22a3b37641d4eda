import { verify } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import { ChannelConfig, DeliveryContext, DeliveryOutcome } from '../delivery-channel';
import {
  buildAgentEntry,
  buildAgentFollowUpMessage,
  buildFollowUpMessage,
  buildFollowUpPayload,
  buildHandoffPayload,
  buildHandoffReference,
  buildResolutionPayload,
  buildTranscriptEntry,
} from '../testing/handoff-payload';
import { closedPort, HttpsReceiver, neverRespond, Responder, startHttpsReceiver } from '../testing/https-receiver';
import { EventSchemaChecker } from '../testing/event-schemas';
import { StaticHostResolver, TestTransportOptions, testWebhookChannel } from '../testing/webhook-test-transport';
import { MISSING_SECRET_PROBLEM, WebhookChannel } from './webhook.channel';
import { serializeErasedEvent, serializeMessageEvent, serializeResolvedEvent, serializeWebhookPayload } from './webhook-payload';
import { generateWebhookSecret } from './webhook-signature';

const payload = buildHandoffPayload();
const followUp = buildFollowUpPayload([buildAgentFollowUpMessage()]);
const resolution = buildResolutionPayload();
const erasure = { handoff: buildHandoffReference({ visitorEmail: null, reason: null }), erasedAt: new Date('2026-11-21T09:00:00.000Z'), followUpExternalIds: [] };

/** Each event the webhook sends: how the delivery module asks for it, and the body it must send. */
const EVENTS: Record<string, { send: (channel: WebhookChannel, config: ChannelConfig, context: DeliveryContext) => Promise<DeliveryOutcome>; body: string }> = {
  'handoff.created': { send: (channel, config, context) => channel.deliver(payload, config, context), body: serializeWebhookPayload(payload) },
  'handoff.message': {
    send: (channel, config, context) => channel.deliverFollowUp(followUp, config, context),
    body: serializeMessageEvent(followUp.handoff, followUp.messages[0]),
  },
  'handoff.resolved': { send: (channel, config, context) => channel.deliverResolution(resolution, config, context), body: serializeResolvedEvent(resolution) },
  'handoff.erased': { send: (channel, config, context) => channel.deliverErasure(erasure, config, context), body: serializeErasedEvent(erasure) },
};

const schemas = new EventSchemaChecker();

/** Every request received is a body its X-Wilow-Event's schema, as the channel publishes it, accepts. */
function expectValidBodies(channel: WebhookChannel, receiver: HttpsReceiver): void {
  expect(receiver.requests.length).toBeGreaterThan(0);
  for (const request of receiver.requests) {
    const event = channel.events.find((candidate) => candidate.name === request.headers['x-wilow-event']);
    expect(event).toBeDefined();
    expect(schemas.errors(event?.schema ?? {}, JSON.parse(request.body.toString('utf8')))).toEqual([]);
  }
}

describe('WebhookChannel', () => {
  const secret = generateWebhookSecret();
  const context = { deliveryId: 'c0ffee00-0000-4000-8000-000000000001' };
  let receiver: HttpsReceiver | undefined;

  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  /** A channel posting to a fresh receiver that it trusts, unless told otherwise. */
  async function setUp(respond?: Responder, transport: TestTransportOptions & { maxBodyBytes?: number } = {}) {
    receiver = await startHttpsReceiver({ respond });
    const channel = testWebhookChannel({ ca: receiver.ca, ...transport });
    const settings = { url: receiver.url, signingSecret: secret };
    return { channel, settings, receiver };
  }

  it('is not configured without a signing secret: unsigned requests are never sent', async () => {
    const { channel } = await setUp();
    expect(channel.name).toBe('webhook');
    expect(channel.problem({ url: 'https://h.example.com/' }, new Set(['signingSecret']))).toBeNull();
    expect(channel.problem({ url: 'https://h.example.com/' }, new Set())).toBe(MISSING_SECRET_PROBLEM);
  });

  it('sends the newest messages that fit WEBHOOK_MAX_BODY_BYTES, saying it left older ones out', async () => {
    const { channel, settings, receiver } = await setUp(undefined, { maxBodyBytes: 16_384 });
    const transcript = Array.from({ length: 200 }, (_, index) =>
      // Control characters escape to six bytes each in JSON.
      buildTranscriptEntry({ content: `message ${index} ${'\u0001'.repeat(200)}`, createdAt: new Date(Date.UTC(2025, 2, 3, 14, 0, index)) }),
    );

    const outcome = await channel.deliver(buildHandoffPayload({ transcript, transcriptTotal: 250 }), settings, context);

    expect(outcome).toMatchObject({ status: 'delivered' });
    const [request] = receiver.requests;
    expect(request.body.length).toBeLessThanOrEqual(16_384);
    const body = JSON.parse(request.body.toString('utf8')) as { transcript: { content: string }[]; transcriptTruncated: boolean; transcriptTotal: number };
    expect(body).toMatchObject({ transcriptTruncated: true, transcriptTotal: 250 });
    expect(body.transcript.length).toBeGreaterThan(0);
    expect(body.transcript[body.transcript.length - 1].content).toMatch(/^message 199 /);
    await expect(verify(secret, request.body.toString('utf8'), String(request.headers['x-wilow-signature']))).resolves.toBe(true);
  });

  it('takes each follow-up as a delivery of its own and announces resolutions, but never writes to visitors', async () => {
    const { channel } = await setUp();
    expect(channel.followUps).toEqual({});
    expect(channel.announcesResolution).toBe(true);
    expect(channel.reachesVisitors).toBe(false);
  });

  it.each(Object.entries(EVENTS))('delivers %s as serialised, signed over the exact bytes sent in both schemes', async (event, { send, body }) => {
    const { channel, settings, receiver } = await setUp(() => ({ status: 200, body: '{"ticket":42}' }));

    const outcome = await send(channel, settings, context);

    expect(outcome).toEqual({ status: 'delivered', responseStatus: 200, responseBody: '{"ticket":42}' });
    const [request] = receiver.requests;
    const rawBody = request.body.toString('utf8');
    expect(rawBody).toBe(body);
    expect(JSON.parse(rawBody)).toMatchObject({ event });
    await expect(verify(secret, rawBody, String(request.headers['x-wilow-signature']))).resolves.toBe(true);
    expect(() => new Webhook(secret).verify(rawBody, request.headers as Record<string, string>)).not.toThrow();
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Wilow-Handoff/1.0',
      'x-wilow-event': event,
      'x-wilow-delivery': context.deliveryId,
      'webhook-id': context.deliveryId,
    });
  });

  it.each([
    ['handoff.created', () => buildHandoffPayload()],
    ['handoff.created without visitor details', () => buildHandoffPayload({ visitorEmail: null, reason: null })],
    ['handoff.created of a Test', () => buildHandoffPayload({ test: true })],
    ['handoff.created with agent messages', () => buildHandoffPayload({ transcript: [buildTranscriptEntry(), buildAgentEntry({ source: 'slack' })] })],
    ['handoff.created, truncated', () => buildHandoffPayload({ transcriptTotal: 40 })],
  ])('sends %s as its schema in the event catalogue says', async (_case, build) => {
    const { channel, settings, receiver } = await setUp();
    await channel.deliver(build(), settings, context);
    expectValidBodies(channel, receiver);
  });

  it.each([
    ['a visitor', buildFollowUpMessage()],
    ['an agent', buildAgentFollowUpMessage()],
  ])('sends handoff.message of %s and handoff.resolved as their schemas in the event catalogue say', async (_case, message) => {
    const { channel, settings, receiver } = await setUp();
    await channel.deliverFollowUp(buildFollowUpPayload([message]), settings, context);
    await channel.deliverResolution(resolution, settings, context);
    await channel.deliverErasure(erasure, settings, context);
    expectValidBodies(channel, receiver);
  });

  it('takes every event while its settings name none, and only the events they list', async () => {
    const { channel } = await setUp();
    for (const topic of ['handoff', 'follow_up', 'resolved', 'erased'] as const) {
      expect(channel.takes(topic, {})).toBe(true);
      expect(channel.takes(topic, { events: null })).toBe(true);
    }
    const created = { events: ['handoff.created'] };
    expect([channel.takes('handoff', created), channel.takes('follow_up', created), channel.takes('resolved', created), channel.takes('erased', created)]).toEqual([true, false, false, false]);
    expect(channel.takes('resolved', { events: ['handoff.created', 'handoff.resolved'] })).toBe(true);
  });

  it.each(Object.entries(EVENTS))('gives every %s delivery its own webhook-id', async (_event, { send }) => {
    const { channel, settings, receiver } = await setUp();
    const second = { deliveryId: 'c0ffee00-0000-4000-8000-000000000002' };

    await send(channel, settings, context);
    await send(channel, settings, second);

    expect(receiver.requests.map((request) => [request.headers['webhook-id'], request.headers['x-wilow-delivery']])).toEqual([
      [context.deliveryId, context.deliveryId],
      [second.deliveryId, second.deliveryId],
    ]);
    for (const request of receiver.requests) {
      expect(() => new Webhook(secret).verify(request.body.toString('utf8'), request.headers as Record<string, string>)).not.toThrow();
    }
  });

  it('sends each message of a conversation as its own handoff.message, and never several at once', async () => {
    const { channel, settings, receiver } = await setUp();
    const twoMessages = buildFollowUpPayload([buildFollowUpMessage(), buildAgentFollowUpMessage()]);

    await expect(channel.deliverFollowUp(twoMessages, settings, context)).rejects.toThrow('A handoff.message webhook carries one message, not 2');
    expect(receiver.requests).toHaveLength(0);
  });

  it.each(Object.entries(EVENTS))('treats a server error to %s as permanent, keeping the status and 2 KB of the body', async (_event, { send }) => {
    const { channel, settings } = await setUp(() => ({ status: 500, body: 'x'.repeat(5 * 1024) }));

    const outcome = await send(channel, settings, context);

    expect(outcome).toEqual({
      status: 'permanent_failure',
      error: 'answered 500',
      responseStatus: 500,
      responseBody: 'x'.repeat(2048),
    });
  });

  it('does not follow a redirect and records it as a failure', async () => {
    const elsewhere = await startHttpsReceiver();
    try {
      const { channel, settings } = await setUp(() => ({ status: 302, headers: { Location: elsewhere.url } }));

      const outcome = await channel.deliver(payload, settings, context);

      expect(outcome).toMatchObject({
        status: 'permanent_failure',
        error: 'answered 302 (a redirect, not followed)',
        responseStatus: 302,
      });
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('fails by timeout when the server never answers', async () => {
    const { channel, settings } = await setUp(neverRespond, { timeoutMs: 300 });

    const started = Date.now();
    const outcome = await channel.deliver(payload, settings, context);

    expect(outcome).toEqual({ status: 'permanent_failure', error: 'timed out after 300 ms' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('fails when the connection is refused', async () => {
    const { channel, settings } = await setUp();
    const webhookUrl = `https://localhost:${await closedPort()}/hook`;

    const outcome = await channel.deliver(payload, { ...settings, url: webhookUrl }, context);

    expect(outcome).toEqual({ status: 'permanent_failure', error: 'connection refused' });
  });

  it('fails on a certificate it cannot verify', async () => {
    const { channel, settings, receiver } = await setUp(undefined, { ca: undefined });

    const outcome = await channel.deliver(payload, settings, context);

    expect(outcome).toMatchObject({ status: 'permanent_failure', error: 'TLS certificate not trusted', diagnostic: expect.any(String) });
    expect(receiver.requests).toHaveLength(0);
  });

  it.each(Object.entries(EVENTS))('refuses, without connecting, to send %s to a host that resolves to a blocked address at send time', async (_event, { send }) => {
    const rebound = new StaticHostResolver({ 'rebind.example.com': ['127.0.0.1'] });
    const { channel, settings, receiver } = await setUp(undefined, { resolver: rebound, allowlist: '' });
    const webhookUrl = `https://rebind.example.com:${receiver.port}/hook`;

    const outcome = await send(channel, { ...settings, url: webhookUrl }, context);

    expect(outcome).toEqual({
      status: 'permanent_failure',
      error: 'address refused: Webhook host resolves to a private or reserved address.',
    });
    expect(receiver.requests).toHaveLength(0);
  });
});
