import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { DeliveryOutcome } from '../channels/delivery-channel';
import { AttemptOutcome } from './entities/delivery-attempt.entity';
import { Delivery, DeliveryStatus } from './entities/delivery.entity';
import { boundedText, storableText, wholeOrNothing } from '../common/text/storable-text';
import { truncateText } from '../channels/response-body';
import { ChannelRule, claim, ClaimDecision, DeliveryState, gaveUp, redeliver, UNFINISHED_STATUSES } from './delivery-life';

/** The columns' bounds (see the entities). */
const MAX_ERROR_LENGTH = 2000;
const MAX_EXTERNAL_ID_LENGTH = 255;
const MAX_EXTERNAL_URL_LENGTH = 2048;

/** What claiming a delivery did: took it for an attempt, ended it (no tries left), or nothing. */
export type ClaimedDelivery = { action: 'attempt' | 'end'; delivery: Delivery } | { action: 'none' };

/** A delivery to schedule: its channel and the attempts its retry policy allows. */
export interface ScheduledChannel {
  channel: string;
  maxAttempts: number;
}

/**
 * Where the sweep's paging stands: the id of the last delivery it looked at. Ids, not times:
 * `updated_at` has microseconds, which a JavaScript Date would round away, so a time cursor would
 * hand the same rows back forever.
 */
export type StaleCursor = string;

/** The `deliveries` and `delivery_attempts` tables: what must be sent, and what each attempt did. */
@Injectable()
export class DeliveriesRepository {
  constructor(
    @InjectRepository(Delivery) private readonly deliveries: Repository<Delivery>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** One pending delivery per channel, inside the caller's transaction. */
  async schedule(manager: EntityManager, handoffId: string, channels: ScheduledChannel[]): Promise<Delivery[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `INSERT INTO deliveries (handoff_id, channel, max_attempts)
       SELECT $1, channel, max_attempts FROM unnest($2::varchar[], $3::int[]) AS scheduled(channel, max_attempts)
       RETURNING *`,
      [handoffId, channels.map(({ channel }) => channel), channels.map(({ maxAttempts }) => maxAttempts)],
    );
    return rows.map(toDelivery);
  }

  /** The tenant and channel of a delivery still to be made; null once it is finished (or gone). */
  async unfinishedTarget(deliveryId: string): Promise<{ tenantId: string; channel: string } | null> {
    // Plain SQL: it runs for every job, and a query builder costs more CPU than the query.
    const rows: { tenantId: string; channel: string }[] = await this.dataSource.query(
      `SELECT handoff.tenant_id AS "tenantId", delivery.channel AS "channel"
       FROM deliveries delivery JOIN handoffs handoff ON handoff.id = delivery.handoff_id
       WHERE delivery.id = $1 AND delivery.status = ANY($2)`,
      [deliveryId, UNFINISHED_STATUSES],
    );
    return rows[0] ?? null;
  }

  /**
   * Takes a delivery for one attempt (see `claim` in delivery-life.ts): a finished one is never
   * taken again, so a job that runs twice sends once; one with no tries left, or whose worker
   * stopped mid-attempt on a channel that cannot repeat safely, ends `failed` with the reason.
   * `updated_at` moves, so the sweep leaves a running attempt alone. Bull's job lock keeps two
   * workers apart.
   */
  async claim(deliveryId: string, channel: ChannelRule): Promise<ClaimedDelivery> {
    // The common case in one statement (it runs for every delivery): `claim` on a pending row.
    const claimed = await this.updateOne(
      `UPDATE deliveries SET status = 'delivering', attempts = attempts + 1, updated_at = now()
       WHERE id = $1 AND status = 'pending' AND attempts < max_attempts RETURNING *`,
      [deliveryId],
    );
    if (claimed) return { action: 'attempt', delivery: claimed };
    return this.applyClaim(deliveryId, channel, ['attempt', 'end']);
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
      const [row]: Record<string, unknown>[] = await manager.query('SELECT * FROM deliveries WHERE id = $1 FOR UPDATE', [deliveryId]);
      const decision: ClaimDecision = row ? claim(toDelivery(row), channel) : { action: 'none' };
      if (decision.action === 'none' || !allowed.includes(decision.action)) return { action: 'none' };
      const [[updated]]: [Record<string, unknown>[], number] = await manager.query(
        `UPDATE deliveries SET status = $2, attempts = $3, max_attempts = $4, last_error = COALESCE($5, last_error), updated_at = now()
         WHERE id = $1 RETURNING *`,
        [deliveryId, decision.next.status, decision.next.attempts, decision.next.maxAttempts, decision.action === 'end' ? decision.reason : null],
      );
      return { action: decision.action, delivery: toDelivery(updated) };
    });
  }

  /**
   * Records the attempt and the delivery's new state (`next`, from `afterAttempt`) atomically, in
   * one statement. Whatever the peer answered is made storable first: NUL and broken characters
   * replaced, texts cut to their columns, an id or link too long for its column left out.
   * Only a delivery still `delivering` is written: an attempt whose row was ended meanwhile
   * changes nothing.
   */
  async record(delivery: Delivery, startedAt: Date, outcome: DeliveryOutcome, next: DeliveryState): Promise<void> {
    const durationMs = Date.now() - startedAt.getTime();
    const error = outcome.status === 'delivered' ? null : boundedText(outcome.error, MAX_ERROR_LENGTH);
    const lastError = next.status === DeliveryStatus.Failed && outcome.status === 'transient_failure' ? gaveUp(error ?? '', next.attempts) : error;
    const responseBody = outcome.responseBody === undefined ? null : truncateText(storableText(outcome.responseBody));
    // One statement, so one round trip (it runs once per delivery), and atomic like a transaction.
    await this.dataSource.query(
      `WITH attempt AS (
         INSERT INTO delivery_attempts (delivery_id, started_at, outcome, response_status, response_body, error, duration_ms)
         SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM deliveries WHERE id = $1 AND status = 'delivering')
       )
       UPDATE deliveries
       SET status = $8, max_attempts = $13, last_error = $9, response_status = $4, duration_ms = $7, delivered_at = $10,
           external_id = COALESCE($11, external_id), external_url = COALESCE($12, external_url), updated_at = now()
       WHERE id = $1 AND status = 'delivering'`,
      [
        delivery.id,
        startedAt,
        outcome.status as AttemptOutcome,
        validStatusCode(outcome.responseStatus),
        responseBody,
        error,
        durationMs,
        next.status,
        lastError,
        next.status === DeliveryStatus.Delivered ? new Date() : null,
        wholeOrNothing(outcome.externalId, MAX_EXTERNAL_ID_LENGTH),
        wholeOrNothing(outcome.externalUrl, MAX_EXTERNAL_URL_LENGTH),
        next.maxAttempts,
      ],
    );
  }

  /**
   * The way out when an attempt's record cannot be written: the delivery's new state with a
   * reason of our own (no text from the peer), and no attempt row.
   */
  async recordInternalFailure(deliveryId: string, next: DeliveryState, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = $2, max_attempts = $3, last_error = $4, updated_at = now() WHERE id = $1 AND status = 'delivering'`,
      [deliveryId, next.status, next.maxAttempts, reason],
    );
  }

  /** One page of unfinished deliveries untouched since `before`, after the cursor, by id. */
  findStale(before: Date, limit: number, after?: StaleCursor): Promise<Delivery[]> {
    const query = this.deliveries
      .createQueryBuilder('delivery')
      .where('delivery.status IN (:...unfinished)', { unfinished: UNFINISHED_STATUSES })
      .andWhere('delivery.updated_at < :before', { before })
      .orderBy('delivery.id', 'ASC')
      .take(limit);
    if (after) query.andWhere('delivery.id > :after', { after });
    return query.getMany();
  }

  /**
   * Puts a delivery back in line for a manual redelivery (see `redeliver` in delivery-life.ts):
   * a finished one with `channelAttempts` more tries, a pending one as it is. Null while it is
   * mid-attempt or when there is no such delivery.
   */
  async reopen(handoffId: string, channel: string, channelAttempts: number): Promise<Delivery | null> {
    return this.dataSource.transaction(async (manager) => {
      const [row]: Record<string, unknown>[] = await manager.query(
        'SELECT * FROM deliveries WHERE handoff_id = $1 AND channel = $2 FOR UPDATE',
        [handoffId, channel],
      );
      const next = row ? redeliver(toDelivery(row), channelAttempts) : null;
      if (!next) return null;
      const [[reopened]]: [Record<string, unknown>[], number] = await manager.query(
        `UPDATE deliveries SET status = $2, max_attempts = $3, updated_at = now() WHERE id = $1 RETURNING *`,
        [row.id, next.status, next.maxAttempts],
      );
      return toDelivery(reopened);
    });
  }

  findOne(handoffId: string, channel: string): Promise<Delivery | null> {
    return this.deliveries.findOne({ where: { handoffId, channel } });
  }

  /** The deliveries of these handoffs, by channel name. */
  ofHandoffs(handoffIds: string[]): Promise<Delivery[]> {
    if (handoffIds.length === 0) return Promise.resolve([]);
    return this.deliveries.find({ where: { handoffId: In(handoffIds) }, order: { channel: 'ASC' } });
  }

  /** The deliveries of a handoff with every attempt, oldest first. */
  withAttempts(handoffId: string): Promise<Delivery[]> {
    return this.deliveries.find({
      where: { handoffId },
      relations: { attemptLog: true },
      order: { channel: 'ASC', attemptLog: { startedAt: 'ASC' } },
    });
  }

  private async updateOne(sql: string, parameters: unknown[]): Promise<Delivery | null> {
    const [rows]: [Record<string, unknown>[], number] = await this.dataSource.query(sql, parameters);
    return rows[0] ? toDelivery(rows[0]) : null;
  }
}

/** The one mapping of a raw `deliveries` row (column names) to the entity (property names). */
function toDelivery(row: Record<string, unknown>): Delivery {
  return Object.assign(new Delivery(), {
    id: row.id as string,
    handoffId: row.handoff_id as string,
    channel: row.channel as string,
    status: row.status as DeliveryStatus,
    attempts: row.attempts as number,
    maxAttempts: row.max_attempts as number,
    lastError: row.last_error as string | null,
    responseStatus: row.response_status as number | null,
    durationMs: row.duration_ms as number | null,
    deliveredAt: row.delivered_at as Date | null,
    externalId: row.external_id as string | null,
    externalUrl: row.external_url as string | null,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  });
}

/** An HTTP status fits the column and means something only between 100 and 999. */
function validStatusCode(status: number | undefined): number | null {
  return status !== undefined && Number.isInteger(status) && status >= 100 && status <= 999 ? status : null;
}
