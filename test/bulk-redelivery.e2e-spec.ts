import { Injectable, Module } from '@nestjs/common';
import { IsString } from 'class-validator';
import { ChannelConfig, DeliveryChannel, DeliveryContext, DeliveryOutcome, HandoffPayload, NEVER_RETRY } from '../src/channels/delivery-channel';
import { SettingField } from '../src/channels/setting-field';
import { ReceivedRequest } from '../src/channels/testing/https-receiver';
import { configureHandoff, generateWebhookSecret } from './support/handoff';
import { Peers, startPeers } from './support/peers';
import { asAdmin, createTenant, TestTenant } from './support/tenants';
import { queryDatabase, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { openConversation, postVisitorMessage, requestHandoff } from './support/widget';

class CounterSettings {
  @SettingField({ label: 'Name', type: 'text' })
  @IsString()
  name: string;
}

/** A channel that takes every delivery at once and counts them: a thousand redeliveries cost no network. */
@Injectable()
class CountingChannel extends DeliveryChannel<CounterSettings> {
  readonly name = 'counter';
  readonly displayName = 'Counter';
  readonly settingsType = CounterSettings;
  readonly retryPolicy = NEVER_RETRY;
  readonly transcriptBudgetBytes = 1024;
  readonly handoffs: string[] = [];

  deliver(payload: HandoffPayload, _config: ChannelConfig, _context: DeliveryContext): Promise<DeliveryOutcome> {
    this.handoffs.push(payload.handoffId);
    return Promise.resolve({ status: 'delivered' });
  }
}

@Module({ providers: [CountingChannel] })
class CountingModule {}

/**
 * "Redeliver failed since…": every failed delivery of a channel since a time sent again, oldest
 * first, a tenant's share at a time, through the real HTTPS receiver.
 */
describe('Bulk redelivery', () => {
  let peers: Peers;
  let testApp: TestApp;
  /** Tenants whose receiver answers 500. */
  const down = new Set<string>();
  /** Tenants whose receiver takes this long to answer. */
  const slow = new Map<string, number>();

  beforeAll(async () => {
    peers = await startPeers({
      receiver: {
        respond: async (request) => {
          const tenantId = bodyOf(request).tenantId;
          await new Promise((resolve) => setTimeout(resolve, slow.get(tenantId) ?? 0));
          return down.has(tenantId) ? { status: 503, body: 'down' } : { status: 200, body: '{}' };
        },
      },
    });
    // Four slots: a tenant's share of a worker (what a bulk redelivery keeps under way) is one.
    testApp = await startTestApp({ ...peers.env, DELIVERY_CONCURRENCY: '4', RATE_LIMIT_ADMIN_SENDS_PER_MINUTE: '3', SWEEP_INTERVAL_MS: '1000' }, undefined, [CountingModule]);
  });

  afterAll(async () => {
    await testApp.close();
    await peers.close();
  });

  async function webhookTenant(name = 'Acme'): Promise<TestTenant> {
    const tenant = await createTenant(testApp, { name, handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true, webhookUrl: peers.receiver.url });
    await generateWebhookSecret(testApp, tenant);
    return tenant;
  }

  async function handoffs(tenant: TestTenant, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const conversation = await openConversation(testApp, tenant);
      await postVisitorMessage(testApp, tenant, conversation, `Message ${index}`);
      ids.push((await requestHandoff(testApp, tenant, conversation)).body.handoffId);
    }
    return ids;
  }

  const statuses = async (handoffIds: string[], channel = 'webhook') =>
    (await queryDatabase(testApp.databaseUrl, `SELECT status FROM deliveries WHERE handoff_id = ANY($1) AND channel = $2 ORDER BY created_at`, [handoffIds, channel])).map((row) => row.status);
  const allFailed = (handoffIds: string[]) => waitFor(async () => (await statuses(handoffIds)).every((status) => status === 'failed'), 20_000, 'the deliveries to fail');
  const redeliverFailed = (tenant: TestTenant, body: object, channel = 'webhook') =>
    testApp.http().post(`/v1/admin/handoff/channels/${channel}/redeliver-failed`).set(asAdmin(tenant)).send(body);
  const receivedHandoffs = (tenant: TestTenant) =>
    peers.receiver.requests.map(bodyOf).filter((body) => body.tenantId === tenant.id).map((body) => body.handoffId);

  it.each([
    ['no since', {}],
    ['a since that is no time', { since: 'yesterday' }],
    ['a since that is a number', { since: 1_700_000_000 }],
  ])('refuses %s (400 VALIDATION_FAILED)', async (_case, body) => {
    const tenant = await webhookTenant();
    const refused = await redeliverFailed(tenant, body).expect(400);
    expect(refused.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  });

  it('answers 404 for a channel that does not exist', async () => {
    const tenant = await webhookTenant();
    expect((await redeliverFailed(tenant, { since: '2026-01-01T00:00:00Z' }, 'fax').expect(404)).body.code).toBe('NOT_FOUND');
  });

  it('sends again every failed delivery of the channel since the time, oldest first, and nothing of another tenant', async () => {
    const tenant = await webhookTenant();
    const other = await webhookTenant('Other');
    down.add(tenant.id);
    down.add(other.id);
    const before = await handoffs(tenant, 2);
    const since = new Date().toISOString();
    const after = await handoffs(tenant, 3);
    const others = await handoffs(other, 1);
    await allFailed([...before, ...after, ...others]);
    const received = receivedHandoffs(tenant).length;

    down.delete(tenant.id);
    down.delete(other.id);
    expect((await redeliverFailed(tenant, { since }).expect(202)).body).toEqual({ count: 3 });

    await waitFor(async () => (await statuses(after)).every((status) => status === 'delivered'), 20_000, 'the redeliveries');
    expect(receivedHandoffs(tenant).slice(received)).toEqual(after);
    expect(await statuses(before)).toEqual(['failed', 'failed']);
    expect(await statuses(others)).toEqual(['failed']);
    const deliveries = (await testApp.http().get(`/v1/admin/handoffs/${after[0]}/deliveries`).set(asAdmin(tenant)).expect(200)).body.items;
    expect(deliveries[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    expect((await redeliverFailed(tenant, { since }).expect(202)).body).toEqual({ count: 0 });
  });

  it("does not hold other tenants' deliveries behind a big bulk redelivery", async () => {
    const busy = await webhookTenant('Busy');
    down.add(busy.id);
    const failed = await handoffs(busy, 12);
    await allFailed(failed);
    down.delete(busy.id);
    slow.set(busy.id, 300);

    const received = receivedHandoffs(busy).length;
    expect((await redeliverFailed(busy, { since: '2020-01-01T00:00:00Z' }).expect(202)).body).toEqual({ count: 12 });
    const quiet = await webhookTenant('Quiet');
    const [handoffId] = await handoffs(quiet, 1);

    await waitFor(() => receivedHandoffs(quiet).includes(handoffId), 20_000, "the other tenant's handoff");
    // The other tenant's handoff arrived while most of the bulk redelivery was still to go.
    expect(receivedHandoffs(busy).length - received).toBeLessThan(failed.length / 2);
    await waitFor(async () => (await statuses(failed)).every((status) => status === 'delivered'), 30_000, 'the bulk redelivery');
    expect(receivedHandoffs(busy).slice(received)).toEqual(failed);
    slow.delete(busy.id);
  });

  it('sends at most 1,000, the oldest, and counts as one admin send', async () => {
    const tenant = await createTenant(testApp, { name: 'Counted', handoffEntitled: true });
    await testApp.http().put('/v1/admin/handoff/channels/counter').set(asAdmin(tenant)).send({ name: 'c' }).expect(200);
    await testApp.http().patch('/v1/admin/handoff/settings').set(asAdmin(tenant)).send({ enabled: true }).expect(200);
    const [handoffId] = await handoffs(tenant, 1);
    const counter = testApp.app.get(CountingChannel);
    await waitFor(() => counter.handoffs.includes(handoffId), 10_000, 'the first delivery');
    // 1,001 resolved handoffs whose deliveries to the channel failed, as an outage would have left them.
    const [{ conversation_id: conversationId }] = await queryDatabase<{ conversation_id: string }>(testApp.databaseUrl, 'SELECT conversation_id FROM handoffs WHERE id = $1', [handoffId]);
    await queryDatabase(
      testApp.databaseUrl,
      `WITH made AS (
         INSERT INTO handoffs (tenant_id, conversation_id, transcript_length, status, resolved_at, created_at)
         SELECT $1, $2, 0, 'resolved', now(), now() - make_interval(secs => 2000 - n) FROM generate_series(1, 1001) AS n
         RETURNING id, created_at
       )
       INSERT INTO deliveries (handoff_id, channel, kind, status, attempts, max_attempts, created_at)
       SELECT id, 'counter', 'handoff', 'failed', 1, 1, created_at FROM made`,
      [tenant.id, conversationId],
    );
    const delivered = counter.handoffs.length;

    expect((await redeliverFailed(tenant, { since: '2020-01-01T00:00:00Z' }, 'counter').expect(202)).body).toEqual({ count: 1000 });
    await waitFor(() => counter.handoffs.length - delivered === 1000 || undefined, 90_000, 'a thousand redeliveries');
    const failed = `SELECT d.created_at FROM deliveries d JOIN handoffs h ON h.id = d.handoff_id WHERE h.tenant_id = $1 AND d.status = 'failed'`;
    const left = await queryDatabase(testApp.databaseUrl, failed, [tenant.id]);
    expect(left).toHaveLength(1);
    const [newest] = await queryDatabase(testApp.databaseUrl, `SELECT max(d.created_at) AS at FROM deliveries d JOIN handoffs h ON h.id = d.handoff_id WHERE h.tenant_id = $1 AND h.status = 'resolved'`, [tenant.id]);
    expect(left[0].created_at).toEqual(newest.at);

    // A thousand deliveries were one admin send of the three a minute allowed here.
    await redeliverFailed(tenant, { since: '2020-01-01T00:00:00Z' }, 'counter').expect(202);
    await redeliverFailed(tenant, { since: '2020-01-01T00:00:00Z' }, 'counter').expect(202);
    expect((await redeliverFailed(tenant, { since: '2020-01-01T00:00:00Z' }, 'counter').expect(429)).body.code).toBe('RATE_LIMITED');
  });
});

function bodyOf(request: ReceivedRequest): { tenantId: string; handoffId: string } {
  return JSON.parse(request.body.toString('utf8')) as { tenantId: string; handoffId: string };
}
