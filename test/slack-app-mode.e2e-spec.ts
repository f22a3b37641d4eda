import { Peers, startPeers } from './support/peers';
import { asAdmin, createTenant, TestTenant } from './support/tenants';
import { startTestApp, TestApp } from './support/test-app';

const WEBHOOK = { webhookUrl: 'https://127.0.0.1:9/services/T0001/B0001/slacksecretpath0123456789' };
const APP = { botToken: 'xoxb-1111-2222-bottoken', channelId: 'C0123ABC', signingSecret: '8f742231b10e8888abcd99eeeeee85a5' };

/**
 * Slack in app mode: the settings take one of two modes, and a bot posts the handoff, threads
 * what follows and deletes its posts on erasure.
 */
describe('Slack app mode', () => {
  let peers: Peers;
  let testApp: TestApp;

  beforeAll(async () => {
    peers = await startPeers();
    testApp = await startTestApp({ ...peers.env });
  });

  afterAll(async () => {
    await testApp.close();
    await peers.close();
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
});
