import { DataSource } from 'typeorm';
import { DeliveriesRepository, StaleCursor } from '../src/delivery/deliveries.repository';
import { DeliveryStatus } from '../src/delivery/entities/delivery.entity';
import { createTenant } from './support/tenants';
import { queryDatabase, startTestApp, TestApp } from './support/test-app';
import { openConversation } from './support/widget';

/** The deliveries repository against the real schema (an API-only process: no worker touches the rows). */
describe('DeliveriesRepository', () => {
  let testApp: TestApp;
  let repository: DeliveriesRepository;
  let dataSource: DataSource;

  beforeAll(async () => {
    testApp = await startTestApp({ APP_ROLE: 'api' });
    repository = testApp.app.get(DeliveriesRepository);
    dataSource = testApp.app.get(DataSource);
  });

  afterAll(async () => {
    await testApp.close();
  });

  async function newHandoff(): Promise<string> {
    const tenant = await createTenant(testApp);
    const conversation = await openConversation(testApp, tenant);
    const [row] = await queryDatabase(testApp.databaseUrl, 'INSERT INTO handoffs (tenant_id, conversation_id, transcript_length) VALUES ($1, $2, 0) RETURNING id', [
      tenant.id,
      conversation.conversationId,
    ]);
    return String(row.id);
  }

  const schedule = (handoffId: string, channels = [{ channel: 'email', maxAttempts: 3 }]) =>
    dataSource.transaction((manager) => repository.schedule(manager, handoffId, channels));

  it('schedules one pending delivery per channel with its attempt budget, inside the caller\'s transaction', async () => {
    const handoffId = await newHandoff();
    const deliveries = await schedule(handoffId, [
      { channel: 'email', maxAttempts: 10 },
      { channel: 'webhook', maxAttempts: 1 },
    ]);
    expect(deliveries.map(({ channel, status, attempts, maxAttempts }) => ({ channel, status, attempts, maxAttempts }))).toEqual([
      { channel: 'email', status: 'pending', attempts: 0, maxAttempts: 10 },
      { channel: 'webhook', status: 'pending', attempts: 0, maxAttempts: 1 },
    ]);

    const rolledBack = await newHandoff();
    await expect(
      dataSource.transaction(async (manager) => {
        await repository.schedule(manager, rolledBack, [{ channel: 'email', maxAttempts: 1 }]);
        throw new Error('the handoff failed to record');
      }),
    ).rejects.toThrow('the handoff failed to record');
    expect(await repository.ofHandoffs([rolledBack])).toEqual([]);
  });

  it('claims an unfinished delivery once per attempt, and never a finished one', async () => {
    const [delivery] = await schedule(await newHandoff());
    const claimed = await repository.claim(delivery.id);
    expect(claimed).toMatchObject({ status: 'delivering', attempts: 1 });
    await repository.record(claimed!, new Date(), { status: 'delivered', responseStatus: 250 }, 3);
    expect(await repository.claim(delivery.id)).toBeNull();
  });

  it('records a transient failure as pending while attempts remain, then as failed, saying it gave up', async () => {
    const [delivery] = await schedule(await newHandoff(), [{ channel: 'email', maxAttempts: 2 }]);
    const failure = { status: 'transient_failure' as const, error: 'connection refused' };
    expect(await repository.record((await repository.claim(delivery.id))!, new Date(), failure, 2)).toBe(DeliveryStatus.Pending);
    expect(await repository.record((await repository.claim(delivery.id))!, new Date(), failure, 2)).toBe(DeliveryStatus.Failed);
    const [row] = await repository.withAttempts(delivery.handoffId);
    expect(row).toMatchObject({ status: 'failed', attempts: 2, lastError: 'connection refused (gave up after 2 attempts)' });
    expect(row.attemptLog?.map((attempt) => attempt.outcome)).toEqual(['transient_failure', 'transient_failure']);
  });

  it('keeps what the helpdesk made of a delivery', async () => {
    const [delivery] = await schedule(await newHandoff(), [{ channel: 'zendesk', maxAttempts: 6 }]);
    const outcome = { status: 'delivered' as const, responseStatus: 201, externalId: '35436', externalUrl: 'https://acme.zendesk.com/agent/tickets/35436' };
    await repository.record((await repository.claim(delivery.id))!, new Date(), outcome, 6);
    expect(await repository.findOne(delivery.handoffId, 'zendesk')).toMatchObject({ externalId: '35436', externalUrl: outcome.externalUrl, deliveredAt: expect.any(Date) });
  });

  it('reopens a finished delivery with fresh attempts, leaves a pending one\'s budget alone, and refuses one mid-attempt', async () => {
    const [delivery] = await schedule(await newHandoff(), [{ channel: 'email', maxAttempts: 1 }]);
    await repository.record((await repository.claim(delivery.id))!, new Date(), { status: 'permanent_failure', error: '550 no such user' }, 1);
    expect(await repository.reopen(delivery.handoffId, 'email', 10)).toMatchObject({ status: 'pending', attempts: 1, maxAttempts: 11 });
    expect(await repository.reopen(delivery.handoffId, 'email', 10)).toMatchObject({ status: 'pending', maxAttempts: 11 });
    await repository.claim(delivery.id);
    expect(await repository.reopen(delivery.handoffId, 'email', 10)).toBeNull();
  });

  it('pages through every stale unfinished delivery, each once, and ends', async () => {
    const handoffs = await Promise.all(Array.from({ length: 7 }, () => newHandoff()));
    for (const handoffId of handoffs) await schedule(handoffId);
    await queryDatabase(testApp.databaseUrl, "UPDATE deliveries SET updated_at = now() - interval '1 hour' WHERE handoff_id = ANY($1)", [handoffs]);
    const before = new Date(Date.now() - 60_000);
    const seen: string[] = [];
    let cursor: StaleCursor | undefined;
    for (;;) {
      const page = await repository.findStale(before, 3, cursor);
      seen.push(...page.map((delivery) => delivery.handoffId));
      if (page.length < 3) break;
      cursor = page[page.length - 1].id;
    }
    expect(seen.filter((handoffId) => handoffs.includes(handoffId)).sort()).toEqual([...handoffs].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });
});
