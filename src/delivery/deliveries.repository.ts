import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not, Repository } from 'typeorm';
import { DeliveryOutcome } from '../channels/delivery-channel';
import { truncateText } from '../channels/response-body';
import { boundedText, storableText, wholeOrNothing } from '../common/text/storable-text';
import { ChannelHealthRepository } from './channel-health/channel-health.repository';
import { carriesErasedContent, ChannelRule, claim, ClaimDecision, DeliveryState, gaveUp, Readiness, redeliver, UNFINISHED_STATUSES } from './delivery-life';
import { AttemptOutcome } from './entities/delivery-attempt.entity';
import { Delivery, DeliveryKind, DeliveryStatus } from './entities/delivery.entity';

/** The columns' bounds (see the entities). */
const MAX_ERROR_LENGTH = 2000;
const MAX_EXTERNAL_ID_LENGTH = 255;
const MAX_EXTERNAL_URL_LENGTH = 2048;

/** What claiming a delivery did (see `claim` in delivery-life.ts). */
export type ClaimedDelivery =
  | { action: 'attempt' | 'end'; delivery: Delivery }
  | { action: 'wait'; reason: 'turn' | 'not_due'; afterMs: number }
  | { action: 'none' };

/** A delivery to schedule: its channel and the attempts its retry policy allows. */
export interface ScheduledChannel {
  channel: string;
  maxAttempts: number;
}

/** A delivery whose attempt is recorded, and its tenant (whose channel's health the outcome moves). */
export interface RecordTarget {
  delivery: Delivery;
  tenantId: string;
}

/**
 * When and through what a failing channel is told of: after this many failures in a row
 * (CHANNEL_FAILURE_NOTICE_AFTER), through the channel that sends notices (the handoff email), or
 * null when there is none to send it (not configured, or the failing channel is that one).
 */
export interface FailureNoticeRule {
  after: number;
  through: ScheduledChannel | null;
}

/** Who a delivery is for, and how: what the worker needs before it claims. */
export interface DeliveryTarget {
  tenantId: string;
  channel: string;
  kind: DeliveryKind;
  /** Sent again by a bulk redelivery: when it finishes, the next held one may go. */
  held: boolean;
}

/**
 * Where the sweep's paging stands: the id of the last delivery it looked at. Ids, not times:
 * `updated_at` has microseconds, which a JavaScript Date would round away, so a time cursor would
 * hand the same rows back forever.
 */
export type StaleCursor = string;

/**
 * Kinds outside a channel's line of a handoff: a visitor's email goes to the visitor, and a
 * failure notice to the handoff address about another channel, not to the channel's destination.
 */
const OUT_OF_LINE = `('visitor_email', 'failure_notice')`;

/**
 * A channel's deliveries of a handoff form one line, attempted in the order they were made (the
 * kinds OUT_OF_LINE aside).
 */
const EARLIER_UNFINISHED = `EXISTS (
  SELECT 1 FROM deliveries earlier
  WHERE earlier.handoff_id = d.handoff_id AND earlier.channel = d.channel AND earlier.ordinal < d.ordinal
    AND earlier.kind NOT IN ${OUT_OF_LINE} AND d.kind NOT IN ${OUT_OF_LINE} AND earlier.status IN ('pending', 'delivering')
)`;

/** The `deliveries` and `delivery_attempts` tables: what must be sent, and what each attempt did. */
@Injectable()
export class DeliveriesRepository {
  constructor(
    @InjectRepository(Delivery) private readonly deliveries: Repository<Delivery>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly health: ChannelHealthRepository,
  ) {}

  /** Pending deliveries of one kind, one per channel (and per message set), inside the caller's transaction. */
  async schedule(
    manager: EntityManager,
    handoffId: string,
    channels: ScheduledChannel[],
    options: { kind?: DeliveryKind; messageIds?: string[]; notBefore?: Date | null } = {},
  ): Promise<Delivery[]> {
    if (channels.length === 0) return [];
    const rows: Record<string, unknown>[] = await manager.query(
      `INSERT INTO deliveries (handoff_id, channel, max_attempts, kind, message_ids, not_before)
       SELECT $1, channel, max_attempts, $4, $5::uuid[], $6 FROM unnest($2::varchar[], $3::int[]) AS scheduled(channel, max_attempts)
       RETURNING *`,
      [
        handoffId,
        channels.map(({ channel }) => channel),
        channels.map(({ maxAttempts }) => maxAttempts),
        options.kind ?? DeliveryKind.Handoff,
        options.messageIds ?? [],
        options.notBefore ?? null,
      ],
    );
    return rows.map(toDelivery);
  }

  /**
   * A new handoff's deliveries, one per channel, and its follow-up lanes starting after its
   * transcript, in one statement inside the caller's transaction (it runs for every handoff).
   */
  async scheduleHandoff(manager: EntityManager, handoffId: string, channels: ScheduledChannel[], lanes: { names: string[]; fromSeq: number }): Promise<Delivery[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `WITH lanes AS (
         INSERT INTO follow_up_cursors (handoff_id, lane, followed_up_seq) SELECT $1, lane, $5 FROM unnest($4::varchar[]) AS lane
       )
       INSERT INTO deliveries (handoff_id, channel, max_attempts)
       SELECT $1, channel, max_attempts FROM unnest($2::varchar[], $3::int[]) AS scheduled(channel, max_attempts)
       RETURNING *`,
      [handoffId, channels.map(({ channel }) => channel), channels.map(({ maxAttempts }) => maxAttempts), lanes.names, lanes.fromSeq],
    );
    return rows.map(toDelivery);
  }

  /** One follow-up per message on a channel, in the messages' order, inside the caller's transaction. */
  async scheduleEach(manager: EntityManager, handoffId: string, channel: ScheduledChannel, messageIds: string[]): Promise<Delivery[]> {
    if (messageIds.length === 0) return [];
    const rows: Record<string, unknown>[] = await manager.query(
      `INSERT INTO deliveries (handoff_id, channel, max_attempts, kind, message_ids)
       SELECT $1, $2, $3, 'follow_up', ARRAY[message_id] FROM unnest($4::uuid[]) WITH ORDINALITY AS each(message_id, position)
       ORDER BY position
       RETURNING *`,
      [handoffId, channel.channel, channel.maxAttempts, messageIds],
    );
    return rows.map(toDelivery).sort((a, b) => Number(a.ordinal) - Number(b.ordinal));
  }

  /**
   * Adds messages to the channel's gathering delivery of this kind (pending, never attempted, room
   * for them); null when there is none, and the caller starts one. A worker's claim and this
   * update take the same row lock: messages join a delivery only before it is taken.
   */
  async addToGathering(manager: EntityManager, handoffId: string, channel: string, kind: DeliveryKind, messageIds: string[], maxMessages: number) {
    const [rows]: [Record<string, unknown>[], number] = await manager.query(
      `UPDATE deliveries SET message_ids = message_ids || $4::uuid[], updated_at = now()
       WHERE id = (
         SELECT id FROM deliveries
         WHERE handoff_id = $1 AND channel = $2 AND kind = $3 AND status = 'pending' AND attempts = 0
           AND cardinality(message_ids) + cardinality($4::uuid[]) <= $5
         ORDER BY ordinal DESC LIMIT 1
       ) AND status = 'pending' AND attempts = 0
       RETURNING *`,
      [handoffId, channel, kind, messageIds, maxMessages],
    );
    return rows[0] ? toDelivery(rows[0]) : null;
  }

  /** The tenant of a handoff, inside the caller's transaction. */
  async tenantOfHandoff(manager: EntityManager, handoffId: string): Promise<string> {
    const [row]: { tenant_id: string }[] = await manager.query('SELECT tenant_id FROM handoffs WHERE id = $1', [handoffId]);
    return row.tenant_id;
  }

  /** Who a delivery still to be made is for; null once it is finished (or gone). */
  async unfinishedTarget(deliveryId: string): Promise<DeliveryTarget | null> {
    // Plain SQL: it runs for every job, and a query builder costs more CPU than the query.
    const rows: DeliveryTarget[] = await this.dataSource.query(
      `SELECT handoff.tenant_id AS "tenantId", delivery.channel AS "channel", delivery.kind AS "kind",
              EXISTS (SELECT 1 FROM held_redeliveries held WHERE held.delivery_id = delivery.id) AS "held"
       FROM deliveries delivery JOIN handoffs handoff ON handoff.id = delivery.handoff_id
       WHERE delivery.id = $1 AND delivery.status = ANY($2)`,
      [deliveryId, UNFINISHED_STATUSES],
    );
    return rows[0] ?? null;
  }

  /**
   * Takes a delivery for one attempt (see `claim` in delivery-life.ts): a finished one is never
   * taken again, so a job that runs twice sends once; one with no tries left, or whose worker
   * stopped mid-attempt on a channel that cannot repeat safely, ends `failed` with the reason; one
   * behind an unfinished earlier delivery on its channel, or not yet due, waits. `updated_at`
   * moves, so the sweep leaves a running attempt alone. Bull's job lock keeps two workers apart.
   */
  async claim(deliveryId: string, channel: ChannelRule): Promise<ClaimedDelivery> {
    // The common case in one statement (it runs for every delivery): `claim` on a pending row that is ready.
    const claimed = await this.updateOne(
      `UPDATE deliveries d SET status = 'delivering', attempts = attempts + 1, updated_at = now()
       WHERE id = $1 AND status = 'pending' AND attempts < max_attempts
         AND (not_before IS NULL OR not_before <= now()) AND NOT ${EARLIER_UNFINISHED}
       RETURNING *`,
      [deliveryId],
    );
    if (claimed) return { action: 'attempt', delivery: claimed };
    return this.applyClaim(deliveryId, channel, ['attempt', 'end', 'wait']);
  }

  /**
   * Ends an unfinished delivery that `claim` would end (no tries left, or an unknown outcome that
   * cannot be repeated), with its reason; leaves any other alone. For the sweep.
   */
  async endIfExhausted(deliveryId: string, channel: ChannelRule): Promise<Delivery | null> {
    const result = await this.applyClaim(deliveryId, channel, ['end']);
    return result.action === 'end' ? result.delivery : null;
  }

  /** `claim`'s decision on the row as it is, under its lock, carried out when it is one of `allowed`. */
  private async applyClaim(deliveryId: string, channel: ChannelRule, allowed: ClaimDecision['action'][]): Promise<ClaimedDelivery> {
    return this.dataSource.transaction(async (manager) => {
      const [row]: (Record<string, unknown> & Readiness)[] = await manager.query(
        `SELECT d.*, ${EARLIER_UNFINISHED} AS blocked,
                GREATEST(0, ceil(extract(epoch FROM d.not_before - now()) * 1000))::int AS "dueInMs"
         FROM deliveries d WHERE d.id = $1 FOR UPDATE`,
        [deliveryId],
      );
      const decision: ClaimDecision = row ? claim(toDelivery(row), channel, { blocked: row.blocked, dueInMs: row.dueInMs ?? 0 }) : { action: 'none' };
      if (!allowed.includes(decision.action)) return { action: 'none' };
      if (decision.action === 'none' || decision.action === 'wait') return decision;
      const [[updated]]: [Record<string, unknown>[], number] = await manager.query(
        `UPDATE deliveries SET status = $2, attempts = $3, max_attempts = $4, last_error = COALESCE($5, last_error), updated_at = now()
         WHERE id = $1 RETURNING *`,
        [deliveryId, decision.next.status, decision.next.attempts, decision.next.maxAttempts, decision.action === 'end' ? decision.reason : null],
      );
      return { action: decision.action, delivery: toDelivery(updated) };
    });
  }

  /**
   * Records the attempt and the delivery's new state (`next`, from `afterAttempt`) atomically, with
   * what it says of its channel's health (see ChannelHealth; a visitor's email says nothing of it).
   * Whatever the peer answered is made storable first: NUL and broken characters replaced, texts
   * cut to their columns, an id or link too long for its column left out. Only a delivery still
   * `delivering` is written: an attempt whose row was ended meanwhile changes nothing.
   *
   * A success is one statement (it runs once per delivery) that also clears the channel's failures.
   * A failure is one transaction that counts it and, the `notice.after`th in a row of a failing
   * period, makes the period's one notice, a delivery `notice.through` (the handoff email),
   * returned for the caller to queue: a worker stopped anywhere in it leaves all or nothing, and
   * the channel's row lock orders concurrent failures, so the notice is made once.
   */
  async record(target: RecordTarget, startedAt: Date, outcome: DeliveryOutcome, next: DeliveryState, notice: FailureNoticeRule): Promise<Delivery | null> {
    const { delivery, tenantId } = target;
    const error = outcome.status === 'delivered' ? null : boundedText(outcome.error, MAX_ERROR_LENGTH);
    const lastError = next.status === DeliveryStatus.Failed && outcome.status === 'transient_failure' ? gaveUp(error ?? '', next.attempts) : error;
    const parameters = recordParameters(delivery, startedAt, outcome, next, error, lastError);
    const counted = delivery.kind !== DeliveryKind.VisitorEmail;
    if (counted && next.status === DeliveryStatus.Delivered) {
      const recordDelivered = `${RECORD_ATTEMPT}, ${CLEAR_FAILURES} SELECT count(*)::int FROM finished`;
      const handoffExternalId = outcome.status === 'delivered' ? wholeOrNothing(outcome.handoffExternalId, MAX_EXTERNAL_ID_LENGTH) : null;
      if (handoffExternalId === null) await this.dataSource.query(recordDelivered, [...parameters, tenantId]);
      // The handoff's new thing (a follow-up ticket) and the delivery that made it are recorded together.
      else await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `UPDATE deliveries SET external_id = $3, updated_at = now() WHERE handoff_id = $1 AND channel = $2 AND kind = '${DeliveryKind.Handoff}'`,
          [delivery.handoffId, delivery.channel, handoffExternalId],
        );
        await manager.query(recordDelivered, [...parameters, tenantId]);
      });
      return null;
    }
    if (!counted || next.status !== DeliveryStatus.Failed) {
      await this.dataSource.query(`${RECORD_ATTEMPT} SELECT count(*)::int FROM finished`, parameters);
      return null;
    }
    return this.dataSource.transaction(async (manager) => {
      const [{ recorded }]: { recorded: number }[] = await manager.query(`${RECORD_ATTEMPT} SELECT count(*)::int AS recorded FROM finished`, parameters);
      if (recorded === 0) return null;
      const health = await this.health.noteFailure(manager, tenantId, delivery.channel, lastError ?? '');
      if (health.consecutiveFailures < notice.after || health.noticeDeliveryId !== null || notice.through === null) return null;
      const [made] = await this.schedule(manager, delivery.handoffId, [notice.through], { kind: DeliveryKind.FailureNotice });
      await this.health.noticeMade(manager, tenantId, delivery.channel, made.id);
      return made;
    });
  }

  /**
   * The way out when an attempt's record cannot be written: the delivery's new state with a
   * reason of our own (no text from the peer), and no attempt row. Also how a delivery that
   * found nothing left to send ends (`cancelled`, with why).
   */
  async recordWithoutAttempt(deliveryId: string, next: DeliveryState, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = $2, max_attempts = $3, last_error = $4, updated_at = now() WHERE id = $1 AND status = 'delivering'`,
      [deliveryId, next.status, next.maxAttempts, reason],
    );
  }

  /** The next delivery of the same line (handoff and channel) that waits for its turn, if any. */
  async nextInLine(delivery: Pick<Delivery, 'handoffId' | 'channel' | 'ordinal' | 'kind'>): Promise<Delivery | null> {
    if (delivery.kind === DeliveryKind.VisitorEmail || delivery.kind === DeliveryKind.FailureNotice) return null;
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT * FROM deliveries
       WHERE handoff_id = $1 AND channel = $2 AND ordinal > $3 AND kind NOT IN ${OUT_OF_LINE} AND status = 'pending'
       ORDER BY ordinal LIMIT 1`,
      [delivery.handoffId, delivery.channel, delivery.ordinal],
    );
    return rows[0] ? toDelivery(rows[0]) : null;
  }

  /**
   * One page of unfinished deliveries untouched since `before`, after the cursor, by id; a bulk
   * redelivery's held deliveries wait for their turn instead (BulkRedelivery lets them go).
   */
  findStale(before: Date, limit: number, after?: StaleCursor): Promise<Delivery[]> {
    const query = this.deliveries
      .createQueryBuilder('delivery')
      .where('delivery.status IN (:...unfinished)', { unfinished: UNFINISHED_STATUSES })
      .andWhere('delivery.updated_at < :before', { before })
      .andWhere('NOT EXISTS (SELECT 1 FROM held_redeliveries held WHERE held.delivery_id = delivery.id AND held.released_at IS NULL)')
      .orderBy('delivery.id', 'ASC')
      .take(limit);
    if (after) query.andWhere('delivery.id > :after', { after });
    return query.getMany();
  }

  /**
   * Puts a delivery back in line for a manual redelivery (see `redeliver` in delivery-life.ts):
   * a finished one with `channelAttempts` more tries, a pending one as it is. Refused while it is
   * mid-attempt (`attempting`) or once its content is erased (`erased`, decided under the row's
   * lock, which an erasure takes too); null when there is no such delivery.
   */
  async reopen(deliveryId: string, channelAttempts: number): Promise<Delivery | 'attempting' | 'erased' | null> {
    return this.dataSource.transaction(async (manager) => {
      const [row]: Record<string, unknown>[] = await manager.query('SELECT * FROM deliveries WHERE id = $1 FOR UPDATE', [deliveryId]);
      if (!row) return null;
      const delivery = toDelivery(row);
      if (carriesErasedContent(delivery)) return 'erased';
      const next = redeliver(delivery, channelAttempts);
      if (!next) return 'attempting';
      const [[reopened]]: [Record<string, unknown>[], number] = await manager.query(
        `UPDATE deliveries SET status = $2, max_attempts = $3, updated_at = now() WHERE id = $1 RETURNING *`,
        [deliveryId, next.status, next.maxAttempts],
      );
      return toDelivery(reopened);
    });
  }

  /** The delivery of a handoff of the tenant, or null (also for another tenant's). */
  async findForTenant(tenantId: string, deliveryId: string): Promise<Delivery | null> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT d.* FROM deliveries d JOIN handoffs h ON h.id = d.handoff_id WHERE d.id = $1 AND h.tenant_id = $2`,
      [deliveryId, tenantId],
    );
    return rows[0] ? toDelivery(rows[0]) : null;
  }

  /**
   * Erases what the handoffs' deliveries hold of their conversation, inside the caller's
   * transaction: every unfinished one is cancelled (nothing more of it is sent), errors and the
   * peers' answers (which may echo it) are dropped; the records stay, marked erased. Returns them.
   */
  async erase(manager: EntityManager, handoffIds: string[]): Promise<Delivery[]> {
    if (handoffIds.length === 0) return [];
    await manager.query(
      'UPDATE delivery_attempts SET response_body = NULL, error = NULL WHERE delivery_id IN (SELECT id FROM deliveries WHERE handoff_id = ANY($1))',
      [handoffIds],
    );
    const [rows]: [Record<string, unknown>[], number] = await manager.query(
      `UPDATE deliveries
       SET status = CASE WHEN status IN ('pending', 'delivering') THEN 'cancelled' ELSE status END,
           last_error = NULL, erased_at = now(), updated_at = now()
       WHERE handoff_id = ANY($1) RETURNING *`,
      [handoffIds],
    );
    return rows.map(toDelivery).sort((a, b) => Number(a.ordinal) - Number(b.ordinal));
  }

  /** The handoff delivery of one channel of a handoff (the first routes' `…/deliveries/:channel`). */
  findHandoffDelivery(handoffId: string, channel: string): Promise<Delivery | null> {
    return this.deliveries.findOne({ where: { handoffId, channel, kind: DeliveryKind.Handoff } });
  }

  /**
   * The tenant's handoff whose delivery through `channel` made what the helpdesk calls
   * `externalId` (a ticket id, `<channelId>:<ts>`); the newest, should a helpdesk reuse one.
   */
  async handoffOfExternalId(tenantId: string, channel: string, externalId: string): Promise<string | null> {
    const rows: { handoff_id: string }[] = await this.dataSource.query(
      `SELECT d.handoff_id FROM deliveries d JOIN handoffs h ON h.id = d.handoff_id
       WHERE d.channel = $2 AND d.external_id = $3 AND d.kind = 'handoff' AND h.tenant_id = $1
       ORDER BY h.created_at DESC LIMIT 1`,
      [tenantId, channel, externalId],
    );
    return rows[0]?.handoff_id ?? null;
  }

  /** Whether the tenant's handoff `handoffId` has a handoff delivery through `channel`. */
  async hasHandoffDelivery(tenantId: string, handoffId: string, channel: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM deliveries d JOIN handoffs h ON h.id = d.handoff_id
       WHERE d.handoff_id = $2 AND d.channel = $3 AND d.kind = 'handoff' AND h.tenant_id = $1`,
      [tenantId, handoffId, channel],
    );
    return rows.length > 0;
  }

  /** Whether any delivery of the tenant through `channel` made the item `externalId` (a comment, a note, a post). */
  async madeExternalItem(tenantId: string, channel: string, externalId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM deliveries d JOIN handoffs h ON h.id = d.handoff_id
       WHERE d.channel = $2 AND d.external_id = $3 AND h.tenant_id = $1 LIMIT 1`,
      [tenantId, channel, externalId],
    );
    return rows.length > 0;
  }

  /** What the channel's follow-up deliveries of the handoff made there (a reply's id), oldest first. */
  async followUpExternalIds(handoffId: string, channel: string): Promise<string[]> {
    const made = await this.deliveries.find({
      select: { externalId: true },
      where: { handoffId, channel, kind: DeliveryKind.FollowUp, externalId: Not(IsNull()) },
      order: { createdAt: 'ASC' },
    });
    return made.map((delivery) => delivery.externalId!);
  }

  /** The handoff deliveries of these handoffs, by channel name. */
  handoffDeliveriesOf(handoffIds: string[]): Promise<Delivery[]> {
    if (handoffIds.length === 0) return Promise.resolve([]);
    return this.deliveries.find({ where: { handoffId: In(handoffIds), kind: DeliveryKind.Handoff }, order: { channel: 'ASC' } });
  }

  /** The handoff deliveries of a handoff with every attempt, oldest first. */
  handoffDeliveriesWithAttempts(handoffId: string): Promise<Delivery[]> {
    return this.deliveries.find({
      where: { handoffId, kind: DeliveryKind.Handoff },
      relations: { attemptLog: true },
      order: { channel: 'ASC', attemptLog: { startedAt: 'ASC' } },
    });
  }

  /** Per handoff: its follow-ups, and how many of them failed. */
  async followUpCounts(handoffIds: string[]): Promise<Map<string, { total: number; failed: number }>> {
    if (handoffIds.length === 0) return new Map();
    const rows: { handoff_id: string; total: number; failed: number }[] = await this.dataSource.query(
      `SELECT handoff_id, count(*)::int AS total, count(*) FILTER (WHERE status = 'failed')::int AS failed
       FROM deliveries WHERE handoff_id = ANY($1) AND kind = 'follow_up' GROUP BY handoff_id`,
      [handoffIds],
    );
    return new Map(rows.map((row) => [row.handoff_id, { total: row.total, failed: row.failed }]));
  }

  /** One page of a handoff's deliveries in the order they were made, after `afterOrdinal`; one more than `limit`. */
  pageOfHandoff(handoffId: string, limit: number, options: { kind?: DeliveryKind; afterOrdinal?: string }): Promise<Delivery[]> {
    const query = this.deliveries
      .createQueryBuilder('delivery')
      .where('delivery.handoff_id = :handoffId', { handoffId })
      .orderBy('delivery.ordinal', 'ASC')
      .take(limit + 1);
    if (options.kind) query.andWhere('delivery.kind = :kind', { kind: options.kind });
    if (options.afterOrdinal) query.andWhere('delivery.ordinal > :after', { after: options.afterOrdinal });
    return query.getMany();
  }

  /** These deliveries, whatever their handoff (the caller knows they are its own). */
  byIds(deliveryIds: string[]): Promise<Delivery[]> {
    if (deliveryIds.length === 0) return Promise.resolve([]);
    return this.deliveries.find({ where: { id: In(deliveryIds) } });
  }

  /** A delivery's attempts, oldest first. */
  async withAttempts(deliveryIds: string[]): Promise<Delivery[]> {
    if (deliveryIds.length === 0) return [];
    return this.deliveries.find({ where: { id: In(deliveryIds) }, relations: { attemptLog: true }, order: { ordinal: 'ASC', attemptLog: { startedAt: 'ASC' } } });
  }

  private async updateOne(sql: string, parameters: unknown[]): Promise<Delivery | null> {
    const [rows]: [Record<string, unknown>[], number] = await this.dataSource.query(sql, parameters);
    return rows[0] ? toDelivery(rows[0]) : null;
  }
}

/**
 * The attempt (only while the delivery is `delivering`) and the delivery's new state; `finished`
 * holds the row when it was written. $1 to $13: see recordParameters.
 */
const RECORD_ATTEMPT = `WITH attempt AS (
    INSERT INTO delivery_attempts (delivery_id, started_at, outcome, response_status, response_body, error, duration_ms)
    SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM deliveries WHERE id = $1 AND status = 'delivering')
  ), finished AS (
    UPDATE deliveries
    SET status = $8, max_attempts = $13, last_error = $9, response_status = $4, duration_ms = $7, delivered_at = $10,
        external_id = COALESCE($11, external_id), external_url = COALESCE($12, external_url), remains = $14, updated_at = now()
    WHERE id = $1 AND status = 'delivering'
    RETURNING channel
  )`;

/** A success clears its channel's failures in a row ($15: the tenant), with the record, in the same statement. */
const CLEAR_FAILURES = `cleared AS (
    UPDATE channel_health health
    SET consecutive_failures = 0, failing_since = NULL, last_error = NULL, notice_delivery_id = NULL, updated_at = now()
    FROM finished WHERE health.tenant_id = $15 AND health.channel = finished.channel AND health.consecutive_failures > 0
  )`;

function recordParameters(delivery: Delivery, startedAt: Date, outcome: DeliveryOutcome, next: DeliveryState, error: string | null, lastError: string | null): unknown[] {
  const responseBody = outcome.responseBody === undefined ? null : truncateText(storableText(outcome.responseBody));
  return [
    delivery.id,
    startedAt,
    outcome.status as AttemptOutcome,
    validStatusCode(outcome.responseStatus),
    responseBody,
    error,
    Date.now() - startedAt.getTime(),
    next.status,
    lastError,
    next.status === DeliveryStatus.Delivered ? new Date() : null,
    wholeOrNothing(outcome.externalId, MAX_EXTERNAL_ID_LENGTH),
    wholeOrNothing(outcome.externalUrl, MAX_EXTERNAL_URL_LENGTH),
    next.maxAttempts,
    outcome.status === 'delivered' && outcome.remains !== undefined ? boundedText(outcome.remains, MAX_ERROR_LENGTH) : null,
  ];
}

/** The one mapping of a raw `deliveries` row (column names) to the entity (property names). */
export function toDelivery(row: Record<string, unknown>): Delivery {
  return Object.assign(new Delivery(), {
    id: row.id as string,
    handoffId: row.handoff_id as string,
    channel: row.channel as string,
    kind: row.kind as DeliveryKind,
    messageIds: row.message_ids as string[],
    notBefore: row.not_before as Date | null,
    ordinal: String(row.ordinal),
    status: row.status as DeliveryStatus,
    attempts: row.attempts as number,
    maxAttempts: row.max_attempts as number,
    lastError: row.last_error as string | null,
    responseStatus: row.response_status as number | null,
    durationMs: row.duration_ms as number | null,
    deliveredAt: row.delivered_at as Date | null,
    externalId: row.external_id as string | null,
    externalUrl: row.external_url as string | null,
    remains: row.remains as string | null,
    erasedAt: row.erased_at as Date | null,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  });
}

/** An HTTP status fits the column and means something only between 100 and 999. */
function validStatusCode(status: number | undefined): number | null {
  return status !== undefined && Number.isInteger(status) && status >= 100 && status <= 999 ? status : null;
}
