import { DataSource } from 'typeorm';
import { DeliveriesRepository, StaleCursor } from '../src/delivery/deliveries.repository';
import { DeliveryOutcome } from '../src/channels/delivery-channel';
import { afterAttempt, DeliveryState, END_REASONS } from '../src/delivery/delivery-life';
import { Delivery } from '../src/delivery/entities/delivery.entity';
import { createTenant } from './support/tenants';
import { queryDatabase, startTestApp, TestApp } from './support/test-app';
import { openConversation } from './support/widget';

const REPEATABLE = { repeatsSafely: true };

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
    expect(await repository.handoffDeliveriesOf([rolledBack])).toEqual([]);
  });

  /** Claims the delivery for an attempt (it must have tries left). */
  async function claimed(deliveryId: string): Promise<Delivery> {
    const result = await repository.claim(deliveryId, REPEATABLE);
    if (result.action !== 'attempt') throw new Error(`expected an attempt, got ${result.action}`);
    return result.delivery;
  }

  /** Records an attempt of a claimed delivery, making no failure notice. */
  async function record(delivery: Delivery, outcome: DeliveryOutcome, next: DeliveryState): Promise<void> {
    const [{ tenant_id: tenantId }] = await queryDatabase<{ tenant_id: string }>(testApp.databaseUrl, 'SELECT tenant_id FROM handoffs WHERE id = $1', [delivery.handoffId]);
    await repository.record({ delivery, tenantId }, new Date(), outcome, next, { after: Number.POSITIVE_INFINITY, through: null });
  }

  /** Claims, then records `outcome` with the state delivery-life gives it. */
  async function attempt(deliveryId: string, outcome: DeliveryOutcome): Promise<void> {
    const delivery = await claimed(deliveryId);
    await record(delivery, outcome, afterAttempt(delivery, outcome.status));
  }

  it('claims an unfinished delivery once per attempt, and never a finished one', async () => {
    const [delivery] = await schedule(await newHandoff());
    const first = await claimed(delivery.id);
    expect(first).toMatchObject({ status: 'delivering', attempts: 1 });
    expect(first.updatedAt.getTime()).toBeGreaterThan(delivery.updatedAt.getTime());
    await record(first, { status: 'delivered', responseStatus: 250 }, afterAttempt(first, 'delivered'));
    expect(await repository.claim(delivery.id, REPEATABLE)).toEqual({ action: 'none' });
  });

  it('records a transient failure as pending while attempts remain, then as failed, saying it gave up', async () => {
    const [delivery] = await schedule(await newHandoff(), [{ channel: 'email', maxAttempts: 2 }]);
    const failure = { status: 'transient_failure' as const, error: 'connection refused' };
    await attempt(delivery.id, failure);
    expect(await repository.findHandoffDelivery(delivery.handoffId, 'email')).toMatchObject({ status: 'pending', attempts: 1 });
    await attempt(delivery.id, failure);
    const [row] = await repository.handoffDeliveriesWithAttempts(delivery.handoffId);
    expect(row).toMatchObject({ status: 'failed', attempts: 2, lastError: 'connection refused (gave up after 2 attempts)' });
    expect(row.attemptLog?.map((entry) => entry.outcome)).toEqual(['transient_failure', 'transient_failure']);
  });

  it('takes again, with our own failures\' tries, a delivery whose worker stopped mid-attempt on a channel that repeats safely', async () => {
    const [delivery] = await schedule(await newHandoff(), [{ channel: 'webhook', maxAttempts: 1 }]);
    await claimed(delivery.id);
    // The worker stopped here, between the send and the record.
    expect(await repository.claim(delivery.id, REPEATABLE)).toMatchObject({ action: 'attempt', delivery: { attempts: 2, maxAttempts: 5 } });
  });

  it('ends, saying why, a delivery whose worker stopped mid-attempt on a channel where a copy would duplicate', async () => {
    const [delivery] = await schedule(await newHandoff(), [{ channel: 'freshdesk', maxAttempts: 5 }]);
    await claimed(delivery.id);
    const again = await repository.claim(delivery.id, { repeatsSafely: false });
    expect(again).toMatchObject({ action: 'end', delivery: { status: 'failed', attempts: 1, lastError: END_REASONS.outcomeUnknown } });
    expect(await repository.claim(delivery.id, REPEATABLE)).toEqual({ action: 'none' });
  });

  it('ends a pending delivery whose tries are used up, and leaves one with tries alone', async () => {
    const [used] = await schedule(await newHandoff(), [{ channel: 'email', maxAttempts: 2 }]);
    await queryDatabase(testApp.databaseUrl, 'UPDATE deliveries SET attempts = 2 WHERE id = $1', [used.id]);
    expect(await repository.endIfExhausted(used.id, REPEATABLE)).toMatchObject({ status: 'failed', lastError: END_REASONS.noTriesLeft });
    const [fresh] = await schedule(await newHandoff());
    expect(await repository.endIfExhausted(fresh.id, REPEATABLE)).toBeNull();
    expect(await repository.findHandoffDelivery(fresh.handoffId, 'email')).toMatchObject({ status: 'pending' });
  });

  it('keeps what the helpdesk made of a delivery', async () => {
    const [delivery] = await schedule(await newHandoff(), [{ channel: 'zendesk', maxAttempts: 6 }]);
    const outcome = { status: 'delivered' as const, responseStatus: 201, externalId: '35436', externalUrl: 'https://acme.zendesk.com/agent/tickets/35436' };
    await attempt(delivery.id, outcome);
    expect(await repository.findHandoffDelivery(delivery.handoffId, 'zendesk')).toMatchObject({ externalId: '35436', externalUrl: outcome.externalUrl, deliveredAt: expect.any(Date) });
  });

  it('stores whatever a peer answers: NUL and broken characters replaced, an id or link too long for its column left out', async () => {
    const [delivery] = await schedule(await newHandoff(), [{ channel: 'zendesk', maxAttempts: 6 }]);
    await attempt(delivery.id, {
      status: 'delivered',
      responseStatus: 201,
      responseBody: `{"error":"\u0000 nul and \ud800 lone"}${'x'.repeat(5000)}`,
      externalId: '9'.repeat(300),
      externalUrl: `https://acme.zendesk.com/${'a'.repeat(5000)}`,
    });
    const [row] = await repository.handoffDeliveriesWithAttempts(delivery.handoffId);
    expect(row).toMatchObject({ status: 'delivered', externalId: null, externalUrl: null });
    const body = row.attemptLog?.[0].responseBody ?? '';
    expect(body).toContain('\ufffd nul and \ufffd lone');
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(2048);
  });

  it('records a state with our own reason when the attempt itself cannot be written', async () => {
    const [delivery] = await schedule(await newHandoff(), [{ channel: 'webhook', maxAttempts: 1 }]);
    const claim = await claimed(delivery.id);
    await repository.recordWithoutAttempt(delivery.id, afterAttempt(claim, 'internal_failure'), 'Internal error, reference r1');
    expect(await repository.findHandoffDelivery(delivery.handoffId, 'webhook')).toMatchObject({ status: 'pending', maxAttempts: 5, lastError: 'Internal error, reference r1' });
  });

  it('reopens a finished delivery with fresh attempts, leaves a pending one\'s budget alone, and refuses one mid-attempt', async () => {
    const [delivery] = await schedule(await newHandoff(), [{ channel: 'email', maxAttempts: 1 }]);
    await attempt(delivery.id, { status: 'permanent_failure', error: '550 no such user' });
    expect(await repository.reopen(delivery.id, 10)).toMatchObject({ status: 'pending', attempts: 1, maxAttempts: 11 });
    expect(await repository.reopen(delivery.id, 10)).toMatchObject({ status: 'pending', maxAttempts: 11 });
    await claimed(delivery.id);
    expect(await repository.reopen(delivery.id, 10)).toBe('attempting');
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
