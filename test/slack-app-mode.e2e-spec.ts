import { followUpMarker } from '../src/channels/helpdesk-follow-up';
import { FakeSlack, slackError, slackRateLimited, startFakeSlack } from './support/fake-slack';
import { agentAnswers as agentAnswersIn, assistantSays as assistantSaysIn, finishedDeliveries, handedOffThrough } from './support/deliveries';
import { json } from './support/fake-vendor';
import { configureHandoff, generateWebhookSecret } from './support/handoff';
import { Peers, startPeers } from './support/peers';
import { asAdmin, createTenant, TestTenant } from './support/tenants';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { openConversation, postVisitorMessage, requestHandoff, TestConversation } from './support/widget';

const WEBHOOK = { webhookUrl: 'https://127.0.0.1:9/services/T0001/B0001/slacksecretpath0123456789' };
const APP = { botToken: 'xoxb-1111-2222-bottoken', channelId: 'C0123ABC', signingSecret: '8f742231b10e8888abcd99eeeeee85a5' };

/**
 * Slack in app mode: the settings take one of two modes, and a bot posts the handoff, threads
 * what follows and deletes its posts on erasure.
 */
describe('Slack app mode', () => {
  let peers: Peers;
  let slack: FakeSlack;
  let testApp: TestApp;

  beforeAll(async () => {
    [peers, slack] = await Promise.all([startPeers(), startFakeSlack(APP.botToken, [APP.channelId])]);
    testApp = await startTestApp({
      ...peers.env,
      SLACK_API_BASE_URL: slack.baseUrl,
      WEBHOOK_TIMEOUT_MS: '1500',
      SWEEP_INTERVAL_MS: '1000',
      RATE_LIMIT_WIDGET_PER_CONVERSATION_PER_MINUTE: '10000',
      RATE_LIMIT_WIDGET_PER_IP_PER_MINUTE: '100000',
    });
  });

  afterAll(async () => {
    await testApp.close();
    await Promise.all([peers.close(), slack.close()]);
  });

  beforeEach(() => {
    slack.faults.length = 0;
    slack.readFaults.length = 0;
    slack.applyThenHang = 0;
  });

  const putSlack = (tenant: TestTenant, body: object) => testApp.http().put('/v1/admin/handoff/channels/slack').set(asAdmin(tenant)).send(body);

  describe('settings', () => {
    it('describes each field with its mode', async () => {
      const tenant = await createTenant(testApp);
      const { body } = await testApp.http().get('/v1/admin/handoff/channels').set(asAdmin(tenant)).expect(200);
      expect(body.items.find((item: { channel: string }) => item.channel === 'slack').fields).toEqual([
        expect.objectContaining({ name: 'webhookUrl', secret: true, group: 'webhook', groupLabel: 'Incoming webhook' }),
        expect.objectContaining({ name: 'botToken', secret: true, group: 'app', groupLabel: 'Slack app' }),
        expect.objectContaining({ name: 'channelId', secret: false, group: 'app', groupLabel: 'Slack app' }),
        expect.objectContaining({ name: 'signingSecret', secret: true, group: 'app', groupLabel: 'Slack app' }),
      ]);
    });

    it('switches between modes, forgetting the other mode, and keeps secrets left out of a save in the same mode', async () => {
      const tenant = await createTenant(testApp);
      const secretsSet = (body: { secrets: { name: string; set: boolean }[] }) => body.secrets.filter((secret) => secret.set).map((secret) => secret.name);

      const webhook = await putSlack(tenant, WEBHOOK).expect(200);
      expect(webhook.body).toMatchObject({ configured: true, settings: {} });
      expect(secretsSet(webhook.body)).toEqual(['webhookUrl']);

      const app = await putSlack(tenant, APP).expect(200);
      expect(app.body).toMatchObject({ configured: true, problem: null, settings: { channelId: 'C0123ABC' } });
      expect(secretsSet(app.body)).toEqual(['botToken', 'signingSecret']);

      const moved = await putSlack(tenant, { channelId: 'C0999XYZ' }).expect(200);
      expect(moved.body.settings).toEqual({ channelId: 'C0999XYZ' });
      expect(secretsSet(moved.body)).toEqual(['botToken', 'signingSecret']);

      const back = await putSlack(tenant, WEBHOOK).expect(200);
      expect(back.body.settings).toEqual({});
      expect(secretsSet(back.body)).toEqual(['webhookUrl']);
      await putSlack(tenant, {}).expect(200);
    });

    it('refuses settings that are not one complete mode, with the reason', async () => {
      const tenant = await createTenant(testApp);
      const both = await putSlack(tenant, { ...WEBHOOK, ...APP }).expect(400);
      expect(both.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.stringContaining('one mode only') });

      const half = await putSlack(tenant, { botToken: APP.botToken }).expect(400);
      expect(half.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('the Slack app mode needs channelId, signingSecret') });

      const none = await putSlack(tenant, {}).expect(400);
      expect(none.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('choose a mode') });

      await putSlack(tenant, APP).expect(200);
      // A save in app mode must say its channel again, as every save replaces the settings.
      const forgotChannel = await putSlack(tenant, { botToken: APP.botToken }).expect(400);
      expect(forgotChannel.body.message).toContain('needs channelId');
      const badToken = await putSlack(tenant, { ...APP, botToken: 'xoxp-user-token' }).expect(400);
      expect(badToken.body.code).toBe('VALIDATION_FAILED');
    });
  });

  async function appTenant(): Promise<TestTenant> {
    const tenant = await createTenant(testApp, { name: 'Acme Support', handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true });
    await putSlack(tenant, APP).expect(200);
    return tenant;
  }

  const finished = (tenant: TestTenant, handoffId: string, kind: string, count: number) => finishedDeliveries(testApp, tenant, handoffId, kind, count);

  async function handedOff(tenant: TestTenant): Promise<{ conversation: TestConversation; handoffId: string; handoffPost: string }> {
    const { externalId, ...handoff } = await handedOffThrough(testApp, tenant);
    return { ...handoff, handoffPost: externalId };
  }

  const threadOf = (handoffPost: string) => slack.repliesOf(APP.channelId, handoffPost.split(':')[1]);
  const idOf = (post: { channel: string; ts: string }) => `${post.channel}:${post.ts}`;
  const assistantSays = (tenant: TestTenant, conversationId: string, content: string) => assistantSaysIn(testApp, tenant, conversationId, content);
  const agentAnswers = (tenant: TestTenant, conversationId: string, content: string) => agentAnswersIn(testApp, tenant, conversationId, content);

  describe('delivery', () => {
    it('posts the handoff with chat.postMessage as the bot, recording <channel>:<ts>', async () => {
      const tenant = await appTenant();
      const { handoffPost } = await handedOff(tenant);

      expect(handoffPost).toMatch(/^C0123ABC:\d{10}\.\d{6}$/);
      const post = slack.posts.get(handoffPost);
      expect(post).toMatchObject({ channel: APP.channelId, text: 'Handoff from Acme Support' });
      expect(post).not.toHaveProperty('thread_ts');
      expect(JSON.stringify(post?.blocks)).toContain('I need a person');
    });

    it('replies in the thread with what the visitor, the assistant and an agent add, saying who spoke, once each', async () => {
      const tenant = await appTenant();
      const { conversation, handoffId, handoffPost } = await handedOff(tenant);

      await postVisitorMessage(testApp, tenant, conversation, 'My order <!channel> is late');
      await assistantSays(tenant, conversation.conversationId, 'Your team will answer here');
      await agentAnswers(tenant, conversation.conversationId, 'Checking it now');
      const followUps = await finished(tenant, handoffId, 'follow_up', 3);

      const replies = threadOf(handoffPost);
      expect(replies.map((reply) => reply.text)).toEqual([
        `The visitor:\nMy order &lt;!channel&gt; is late\n\n${followUpMarker(followUps[0].id)}`,
        `The assistant:\nYour team will answer here\n\n${followUpMarker(followUps[1].id)}`,
        `Dana (answered in admin):\nChecking it now\n\n${followUpMarker(followUps[2].id)}`,
      ]);
      expect(followUps.map((delivery) => [delivery.status, delivery.attempts, delivery.externalId])).toEqual(replies.map((reply) => ['delivered', 1, idOf(reply)]));
    });

    it('retries a 429 after its Retry-After, replying once', async () => {
      const tenant = await appTenant();
      const { conversation, handoffId, handoffPost } = await handedOff(tenant);
      slack.faults.push(slackRateLimited(1));

      await postVisitorMessage(testApp, tenant, conversation, 'Still waiting');
      const [followUp] = await finished(tenant, handoffId, 'follow_up', 1);

      expect(followUp).toMatchObject({ status: 'delivered', attempts: 2 });
      expect(threadOf(handoffPost)).toHaveLength(1);
      expect(followUp.externalId).toBe(idOf(threadOf(handoffPost)[0]));
    });

    it('after a timeout finds the reply the post made by its marker, and records it without a second one', async () => {
      const tenant = await appTenant();
      const { conversation, handoffId, handoffPost } = await handedOff(tenant);
      slack.applyThenHang = 1;
      const before = slack.calls().length;

      await postVisitorMessage(testApp, tenant, conversation, 'Hello again');
      const [followUp] = await finished(tenant, handoffId, 'follow_up', 1);

      expect(threadOf(handoffPost)).toHaveLength(1);
      expect(followUp).toMatchObject({ status: 'delivered', attempts: 1, externalId: idOf(threadOf(handoffPost)[0]) });
      expect(slack.calls().slice(before)).toEqual(['POST /chat.postMessage', 'GET /conversations.replies']);
    });

    it('retries an ambiguous 500 once the thread surely lacks its marker', async () => {
      const tenant = await appTenant();
      const { conversation, handoffId, handoffPost } = await handedOff(tenant);
      slack.faults.push(json(500, { ok: false, error: 'internal_error' }));

      await postVisitorMessage(testApp, tenant, conversation, 'Are you there?');
      const [followUp] = await finished(tenant, handoffId, 'follow_up', 1);

      expect(followUp).toMatchObject({ status: 'delivered', attempts: 2 });
      expect(threadOf(handoffPost)).toHaveLength(1);
    });

    it.each(['not_in_channel', 'token_revoked', 'is_archived'])('does not retry { ok: false, error: %s }', async (error) => {
      const tenant = await appTenant();
      const { conversation, handoffId, handoffPost } = await handedOff(tenant);
      slack.faults.push(slackError(error));

      await postVisitorMessage(testApp, tenant, conversation, 'One more thing');
      const [followUp] = await finished(tenant, handoffId, 'follow_up', 1);

      expect(followUp).toMatchObject({ status: 'failed', attempts: 1, lastError: `Slack error: ${error}` });
      expect(threadOf(handoffPost)).toHaveLength(0);
    });

    it('fails the handoff at once when the channel is not found or the token is wrong', async () => {
      const tenant = await appTenant();
      await putSlack(tenant, { channelId: 'C0NOTTHERE' }).expect(200);
      const conversation = await openConversation(testApp, tenant);
      const handoffId = (await requestHandoff(testApp, tenant, conversation, {})).body.handoffId as string;
      const [handoff] = await finished(tenant, handoffId, 'handoff', 1);
      expect(handoff).toMatchObject({ status: 'failed', attempts: 1, lastError: 'Slack error: channel_not_found', externalId: null });

      await putSlack(tenant, { ...APP, botToken: 'xoxb-9999-wrong' }).expect(200);
      const again = (await requestHandoff(testApp, tenant, await openConversation(testApp, tenant), {})).body.handoffId as string;
      expect((await finished(tenant, again, 'handoff', 1))[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: 'Slack error: invalid_auth' });
    });

    it('takes no follow-ups in webhook mode, while a channel that takes them gets them', async () => {
      const tenant = await appTenant();
      await putSlack(tenant, { webhookUrl: peers.receiver.url }).expect(200);
      await testApp.http().put('/v1/admin/handoff/channels/webhook').set(asAdmin(tenant)).send({ url: peers.receiver.url }).expect(200);
      await generateWebhookSecret(testApp, tenant);
      const conversation = await openConversation(testApp, tenant);
      const handoffId = (await requestHandoff(testApp, tenant, conversation, {})).body.handoffId as string;
      await finished(tenant, handoffId, 'handoff', 2);

      await postVisitorMessage(testApp, tenant, conversation, 'Hello?');
      const followUps = await finished(tenant, handoffId, 'follow_up', 1);
      expect(followUps.map((delivery) => delivery.channel)).toEqual(['webhook']);
    });
  });

  describe('erasure', () => {
    it("deletes the handoff post and the bot's replies with chat.delete, saying people's replies remain", async () => {
      const tenant = await appTenant();
      const { conversation, handoffId, handoffPost } = await handedOff(tenant);
      await postVisitorMessage(testApp, tenant, conversation, 'Please call me');
      const [followUp] = await finished(tenant, handoffId, 'follow_up', 1);
      const person = slack.personReplies(APP.channelId, handoffPost.split(':')[1], 'U0DANA', 'On it');
      const before = slack.calls().length;

      const { erasureId } = (await testApp.http().delete(`/v1/admin/conversations/${conversation.conversationId}`).set(asAdmin(tenant)).expect(202)).body;
      const erasure = await waitFor(async () => {
        const body = (await testApp.http().get(`/v1/admin/erasures/${erasureId}`).set(asAdmin(tenant)).expect(200)).body;
        return body.status !== 'pending' && body;
      }, 20_000, 'the erasure to finish');

      expect(slack.calls().slice(before)).toEqual(['POST /chat.delete', 'POST /chat.delete']);
      expect(slack.posts.has(handoffPost)).toBe(false);
      expect(slack.posts.has(followUp.externalId!)).toBe(false);
      expect(slack.posts.has(idOf(person))).toBe(true);
      expect(erasure).toMatchObject({
        status: 'partial',
        destinations: [{ channel: 'slack', externalId: handoffPost, outcome: 'not_recallable', note: "People's replies in the thread remain in Slack." }],
      });
    });
  });
});
