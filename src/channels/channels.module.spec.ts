import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { TestingModule } from '@nestjs/testing';
import { ChannelRegistry } from './channel-registry';
import { createChannelsTestingModule } from './testing/channels-testing-module';
import { buildHandoffPayload } from './testing/handoff-payload';
import { startHttpsReceiver } from './testing/https-receiver';
import { StaticHostResolver, TEST_WEBHOOK_ALLOWLIST } from './testing/webhook-test-transport';
import { HostResolver } from './webhook-target/host-resolver';
import { WebhookTargetPolicy } from './webhook-target/webhook-target-policy';
import { generateWebhookSecret } from './webhook/webhook-signature';

describe('ChannelsModule', () => {
  const context = { deliveryId: 'e5f6a7b8-0000-4000-8000-000000000003' };
  let dir: string;
  let module: TestingModule | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wilow-channels-'));
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await module?.close();
    module = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('finds every registered channel, by name', async () => {
    module = await createChannelsTestingModule({ MAIL_DIR: dir });
    const registry = module.get(ChannelRegistry);

    expect(registry.all().map((channel) => [channel.name, channel.displayName])).toEqual([
      ['email', 'Handoff email'],
      ['webhook', 'Ticket webhook'],
      ['zendesk', 'Zendesk'],
      ['freshdesk', 'Freshdesk'],
      ['slack', 'Slack'],
    ]);
    expect(registry.byName('webhook')?.name).toBe('webhook');
    expect(registry.byName('unknown')).toBeUndefined();
  });

  it('describes each channel\'s settings as field descriptors', async () => {
    module = await createChannelsTestingModule({ MAIL_DIR: dir });
    const registry = module.get(ChannelRegistry);

    expect(registry.byName('email')?.fields).toEqual([{ name: 'address', label: 'Handoff email', type: 'email', required: true, secret: false }]);
    expect(registry.byName('webhook')?.fields).toEqual([
      { name: 'url', label: 'Webhook URL', type: 'url', required: true, secret: false },
      { name: 'events', label: 'Events', type: 'list', required: false, secret: false },
    ]);
    expect(registry.byName('webhook')?.secretNames).toEqual(['signingSecret']);
    expect(registry.byName('zendesk')?.fields.map(({ name, type, required, secret }) => [name, type, required, secret])).toEqual([
      ['subdomain', 'text', true, false],
      ['agentEmail', 'email', true, false],
      ['apiToken', 'text', true, true],
      ['conversationFieldId', 'number', false, false],
      ['tags', 'list', false, false],
    ]);
    expect(registry.byName('freshdesk')?.fields.map(({ name, required, secret }) => [name, required, secret])).toEqual([
      ['domain', true, false],
      ['apiKey', true, true],
      ['fallbackRequesterEmail', true, false],
      ['priority', false, false],
    ]);
    expect(registry.byName('slack')?.secretNames).toEqual(['webhookUrl', 'botToken', 'signingSecret']);
  });

  it('writes emails as .eml files under MAIL_DIR when SMTP_URL is unset', async () => {
    module = await createChannelsTestingModule({ MAIL_DIR: dir });
    const email = module.get(ChannelRegistry).byName('email')!;

    const outcome = await email.deliver(
      buildHandoffPayload(),
      { address: 'team@acme.test' },
      context,
    );

    expect(outcome).toMatchObject({ status: 'delivered', responseBody: expect.stringContaining(dir) });
    expect(await readdir(dir)).toEqual([expect.stringMatching(/\.eml$/)]);
  });

  it('builds the webhook from WEBHOOK_ALLOWLIST and WEBHOOK_CA_FILE', async () => {
    const receiver = await startHttpsReceiver();
    try {
      const caFile = join(dir, 'ca.pem');
      await writeFile(caFile, receiver.ca);
      module = await createChannelsTestingModule({
        WEBHOOK_ALLOWLIST: TEST_WEBHOOK_ALLOWLIST,
        WEBHOOK_CA_FILE: caFile,
        MAIL_DIR: dir,
      });
      const webhook = module.get(ChannelRegistry).byName('webhook')!;
      const settings = { url: receiver.url, signingSecret: generateWebhookSecret() };

      const outcome = await webhook.deliver(buildHandoffPayload(), settings, context);

      expect(outcome).toMatchObject({ status: 'delivered', responseStatus: 200 });
      expect(receiver.requests).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('exports the webhook target policy, resolving through the HostResolver provider', async () => {
    const resolver = new StaticHostResolver({ 'helpdesk.acme.test': ['10.1.2.3'] });
    module = await createChannelsTestingModule({ WEBHOOK_ALLOWLIST: '10.0.0.0/8' }, (builder) =>
      builder.overrideProvider(HostResolver).useValue(resolver),
    );

    const target = await module.get(WebhookTargetPolicy).vetUrl('https://helpdesk.acme.test/hook');

    expect(target.addresses).toEqual(['10.1.2.3']);
  });

  it('refuses to start with a malformed WEBHOOK_ALLOWLIST', async () => {
    await expect(createChannelsTestingModule({ WEBHOOK_ALLOWLIST: 'https://x.test' })).rejects.toThrow(
      "WEBHOOK_ALLOWLIST: WEBHOOK_ALLOWLIST entry 'https://x.test' is not a host name, IP address or CIDR range.",
    );
  });

  it.each([
    ['missing', (path: string) => rm(path, { force: true })],
    ['not a certificate', (path: string) => writeFile(path, 'not a PEM file')],
  ])('refuses to start when WEBHOOK_CA_FILE is %s', async (_problem, prepare) => {
    const caFile = join(dir, 'ca.pem');
    await prepare(caFile);

    await expect(createChannelsTestingModule({ WEBHOOK_CA_FILE: caFile })).rejects.toThrow(
      `WEBHOOK_CA_FILE '${caFile}' is not a readable PEM certificate file`,
    );
  });
});
