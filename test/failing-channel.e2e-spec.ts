import { Injectable, Module } from '@nestjs/common';
import { IsString } from 'class-validator';
import { ChannelConfig, DeliveryChannel, DeliveryContext, DeliveryOutcome, HandoffPayload, NEVER_RETRY } from '../src/channels/delivery-channel';
import { SettingField } from '../src/channels/setting-field';
import { configureHandoff, generateWebhookSecret } from './support/handoff';
import { Peers, startPeers } from './support/peers';
import { asAdmin, createTenant, TestTenant } from './support/tenants';
import { queryDatabase, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { openConversation, postVisitorMessage, requestHandoff } from './support/widget';

const NOTICE_AFTER = 3;
const ADMIN_BASE_URL = 'https://admin.wilow.example';

class DeskSettings {
  @SettingField({ label: 'Desk', type: 'text' })
  @IsString()
  desk: string;
}

/** A helpdesk that refuses every ticket with words of its own, markup included: a notice must show them as text. */
@Injectable()
class RefusingDeskChannel extends DeliveryChannel<DeskSettings> {
  readonly name = 'refusing-desk';
  readonly displayName = 'Desk <Pro> & "Co"';
  readonly settingsType = DeskSettings;
  readonly retryPolicy = NEVER_RETRY;
  readonly transcriptBudgetBytes = 1024;

  deliver(_payload: HandoffPayload, _config: ChannelConfig, _context: DeliveryContext): Promise<DeliveryOutcome> {
    return Promise.resolve({ status: 'permanent_failure', error: 'answered 422: <script>alert("x")</script> & requester invalid' });
  }
}

@Module({ providers: [RefusingDeskChannel] })
class RefusingDeskModule {}

interface ChannelItem {
  channel: string;
  failing: { since: string; consecutiveFailures: number; lastError: string } | null;
}

/**
 * The failing channel notice: after CHANNEL_FAILURE_NOTICE_AFTER deliveries in a row failed on a
 * channel, its item says so and the tenant is told once by email, through the real HTTPS receiver
 * and SMTP server.
 */
describe('A failing channel', () => {
  let peers: Peers;
  let testApp: TestApp;
  /** Tenants whose receiver answers 500. */
  const down = new Set<string>();
  /** Addresses the mail server refuses. */
  const refused = new Set<string>();

  beforeAll(async () => {
    peers = await startPeers({
      receiver: { respond: (request) => (down.has(JSON.parse(request.body.toString('utf8')).tenantId) ? { status: 500, body: 'down' } : { status: 200, body: '{}' }) },
      sink: { onRcptTo: (address) => (refused.has(address) ? { code: 550, message: '5.1.1 No such user' } : undefined) },
    });
    testApp = await startTestApp(
      { ...peers.env, CHANNEL_FAILURE_NOTICE_AFTER: String(NOTICE_AFTER), ADMIN_BASE_URL, RATE_LIMIT_ADMIN_SENDS_PER_MINUTE: '1000', EMAIL_RETRY_ATTEMPTS: '1' },
      undefined,
      [RefusingDeskModule],
    );
  });

  afterAll(async () => {
    await testApp.close();
    await peers.close();
  });

  async function teamTenant(): Promise<TestTenant> {
    const tenant = await createTenant(testApp, { name: 'Acme <Outdoor>', handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true, email: `team-${tenant.id}@acme.example`, webhookUrl: peers.receiver.url });
    await generateWebhookSecret(testApp, tenant);
    return tenant;
  }

  const teamAddress = (tenant: TestTenant) => `team-${tenant.id}@acme.example`;
  const item = async (tenant: TestTenant, channel: string): Promise<ChannelItem> =>
    (await testApp.http().get('/v1/admin/handoff/channels').set(asAdmin(tenant)).expect(200)).body.items.find((each: ChannelItem) => each.channel === channel);
  const notices = (tenant: TestTenant) =>
    peers.sink.messages.filter((mail) => mail.subject?.includes('is failing') && JSON.stringify(mail.to).includes(teamAddress(tenant)));
  const finished = (handoffIds: string[], channel: string) =>
    waitFor(async () => {
      const rows = await queryDatabase(testApp.databaseUrl, `SELECT status FROM deliveries WHERE handoff_id = ANY($1) AND channel = $2 AND kind = 'handoff'`, [handoffIds, channel]);
      return rows.length === handoffIds.length && rows.every((row) => row.status === 'delivered' || row.status === 'failed');
    }, 20_000, `${channel} deliveries to finish`);
  const noticeDeliveries = (tenant: TestTenant) =>
    queryDatabase(testApp.databaseUrl, `SELECT d.status FROM deliveries d JOIN handoffs h ON h.id = d.handoff_id WHERE h.tenant_id = $1 AND d.kind = 'failure_notice'`, [tenant.id]);

  async function handoffs(tenant: TestTenant, count: number, together = false): Promise<string[]> {
    const one = async () => {
      const conversation = await openConversation(testApp, tenant);
      await postVisitorMessage(testApp, tenant, conversation, 'I need a person');
      return (await requestHandoff(testApp, tenant, conversation)).body.handoffId as string;
    };
    if (together) return Promise.all(Array.from({ length: count }, one));
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) ids.push(await one());
    return ids;
  }

  it(`says nothing before ${NOTICE_AFTER} failures in a row, then is failing and tells the handoff address once, however many more fail`, async () => {
    const tenant = await teamTenant();
    down.add(tenant.id);

    await finished(await handoffs(tenant, NOTICE_AFTER - 1), 'webhook');
    expect((await item(tenant, 'webhook')).failing).toBeNull();
    // The settings page's Test sends are not deliveries: they count for nothing.
    for (let index = 0; index < NOTICE_AFTER; index += 1) {
      await testApp.http().post('/v1/admin/handoff/channels/webhook/test').set(asAdmin(tenant)).expect(200);
    }
    expect((await item(tenant, 'webhook')).failing).toBeNull();

    const startedAt = Date.now();
    await finished(await handoffs(tenant, 1), 'webhook');
    const { failing } = await item(tenant, 'webhook');
    expect(failing).toEqual({ since: expect.any(String), consecutiveFailures: NOTICE_AFTER, lastError: 'answered 500' });
    expect(Date.parse(failing?.since ?? '')).toBeLessThan(startedAt);
    expect((await item(tenant, 'email')).failing).toBeNull();

    const [notice] = await waitFor(() => notices(tenant).length > 0 && notices(tenant), 15_000, 'the notice');
    expect(notice.to).toMatchObject({ value: [{ address: teamAddress(tenant) }] });
    expect(notice.subject).toBe('[Wilow] Ticket webhook is failing for Acme <Outdoor>');
    expect(notice.text).toContain(`The last ${NOTICE_AFTER} deliveries of Acme <Outdoor>'s handoffs to the Ticket webhook failed`);
    expect(notice.text).toContain('Last error: answered 500');
    expect(notice.text).toContain(`${ADMIN_BASE_URL}/admin/settings/handoff`);
    expect(notice.html).toContain(`href="${ADMIN_BASE_URL}/admin/settings/handoff"`);
    expect(notice.html).toContain('Acme &lt;Outdoor&gt;');
    expect(notice.headers.get('x-wilow-handoff-id')).toBeUndefined();

    await finished(await handoffs(tenant, 2), 'webhook');
    expect((await item(tenant, 'webhook')).failing).toMatchObject({ consecutiveFailures: NOTICE_AFTER + 2 });
    expect(notices(tenant)).toHaveLength(1);
    expect(await noticeDeliveries(tenant)).toEqual([{ status: 'delivered' }]);
  });

  it('is cleared by one success, and a new failing period is told again', async () => {
    const tenant = await teamTenant();
    down.add(tenant.id);
    await finished(await handoffs(tenant, NOTICE_AFTER), 'webhook');
    await waitFor(() => notices(tenant).length === 1, 15_000, 'the first notice');

    down.delete(tenant.id);
    await finished(await handoffs(tenant, 1), 'webhook');
    expect((await item(tenant, 'webhook')).failing).toBeNull();

    down.add(tenant.id);
    await finished(await handoffs(tenant, NOTICE_AFTER - 1), 'webhook');
    expect((await item(tenant, 'webhook')).failing).toBeNull();
    await finished(await handoffs(tenant, 1), 'webhook');
    expect((await item(tenant, 'webhook')).failing).toMatchObject({ consecutiveFailures: NOTICE_AFTER });
    await waitFor(() => notices(tenant).length === 2, 15_000, 'the second notice');
  });

  it('makes one notice when many failures end at once, whichever worker slot records them', async () => {
    const tenant = await teamTenant();
    down.add(tenant.id);
    await finished(await handoffs(tenant, NOTICE_AFTER * 4, true), 'webhook');

    expect((await item(tenant, 'webhook')).failing).toMatchObject({ consecutiveFailures: NOTICE_AFTER * 4 });
    await waitFor(async () => (await noticeDeliveries(tenant)).every((row) => row.status === 'delivered'), 15_000, 'the notice');
    expect(await noticeDeliveries(tenant)).toEqual([{ status: 'delivered' }]);
    expect(notices(tenant)).toHaveLength(1);
  });

  it("escapes the channel's name and its peer's words in the notice", async () => {
    const tenant = await teamTenant();
    await testApp.http().put('/v1/admin/handoff/channels/refusing-desk').set(asAdmin(tenant)).send({ desk: 'support' }).expect(200);
    await finished(await handoffs(tenant, NOTICE_AFTER), 'refusing-desk');

    expect((await item(tenant, 'refusing-desk')).failing).toMatchObject({ lastError: 'answered 422: <script>alert("x")</script> & requester invalid' });
    const [notice] = await waitFor(() => notices(tenant).length > 0 && notices(tenant), 15_000, 'the notice');
    expect(notice.subject).toBe('[Wilow] Desk <Pro> & "Co" is failing for Acme <Outdoor>');
    expect(notice.html).toContain('Desk &lt;Pro&gt; &amp; &quot;Co&quot; is failing');
    expect(notice.html).toContain('answered 422: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; requester invalid');
    expect(notice.html).not.toContain('<script>');
    expect(notice.text).toContain('Last error: answered 422: <script>alert("x")</script> & requester invalid');
  });

  it('shows the handoff email failing without emailing about it, and tells nothing while the tenant has no handoff email', async () => {
    const tenant = await teamTenant();
    refused.add(teamAddress(tenant));
    await finished(await handoffs(tenant, NOTICE_AFTER), 'email');
    expect((await item(tenant, 'email')).failing).toMatchObject({ consecutiveFailures: NOTICE_AFTER, lastError: expect.stringContaining('550') });
    expect(await noticeDeliveries(tenant)).toEqual([]);

    const alone = await createTenant(testApp, { name: 'Hook Only', handoffEntitled: true });
    await configureHandoff(testApp, alone, { enabled: true, webhookUrl: peers.receiver.url });
    await generateWebhookSecret(testApp, alone);
    down.add(alone.id);
    await finished(await handoffs(alone, NOTICE_AFTER), 'webhook');
    expect((await item(alone, 'webhook')).failing).toMatchObject({ consecutiveFailures: NOTICE_AFTER });
    expect(await noticeDeliveries(alone)).toEqual([]);
  });

  it('forgets the failures of a channel that is removed', async () => {
    const tenant = await teamTenant();
    down.add(tenant.id);
    await finished(await handoffs(tenant, NOTICE_AFTER), 'webhook');
    expect((await item(tenant, 'webhook')).failing).not.toBeNull();

    await testApp.http().delete('/v1/admin/handoff/channels/webhook').set(asAdmin(tenant)).expect(204);
    expect((await item(tenant, 'webhook')).failing).toBeNull();
  });
});
