import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { DeliveryOutcome } from '../channels/delivery-channel';
import { AttemptOutcome } from './entities/delivery-attempt.entity';
import { Delivery, DeliveryStatus } from './entities/delivery.entity';
import { nextDeliveryStatus } from './delivery-status';

const UNFINISHED = [DeliveryStatus.Pending, DeliveryStatus.Delivering];

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
      [deliveryId, UNFINISHED],
    );
    return rows[0] ?? null;
  }

  /**
   * Takes a delivery for one attempt. A finished one (delivered, or failed for good) is never
   * taken again, so a job that runs twice sends once. Bull's job lock keeps two workers apart.
   */
  async claim(deliveryId: string): Promise<Delivery | null> {
    return this.updateOne(
      `UPDATE deliveries SET status = 'delivering', attempts = attempts + 1 WHERE id = $1 AND status IN ('pending', 'delivering') RETURNING *`,
      [deliveryId],
    );
  }

  /**
   * Records the attempt and the delivery's new state atomically, in one statement. A transient
   * failure with attempts left goes back to `pending` for the queue's next try.
   */
  async record(delivery: Delivery, startedAt: Date, outcome: DeliveryOutcome, maxAttempts: number): Promise<DeliveryStatus> {
    const durationMs = Date.now() - startedAt.getTime();
    const status = nextDeliveryStatus(outcome.status, delivery.attempts, maxAttempts);
    const error = outcome.status === 'delivered' ? null : outcome.error;
    const lastError =
      status === DeliveryStatus.Failed && outcome.status === 'transient_failure' ? `${error} (gave up after ${delivery.attempts} attempts)` : error;
    // One statement, so one round trip (it runs once per delivery), and atomic like a transaction.
    await this.dataSource.query(
      `WITH attempt AS (
         INSERT INTO delivery_attempts (delivery_id, started_at, outcome, response_status, response_body, error, duration_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
       )
       UPDATE deliveries
       SET status = $8, last_error = $9, response_status = $4, duration_ms = $7, delivered_at = $10,
           external_id = COALESCE($11, external_id), external_url = COALESCE($12, external_url), updated_at = now()
       WHERE id = $1`,
      [
        delivery.id,
        startedAt,
        outcome.status as AttemptOutcome,
        outcome.responseStatus ?? null,
        outcome.responseBody ?? null,
        error,
        durationMs,
        status,
        lastError,
        status === DeliveryStatus.Delivered ? new Date() : null,
        outcome.externalId ?? null,
        outcome.externalUrl ?? null,
      ],
    );
    return status;
  }

  /** One page of unfinished deliveries untouched since `before`, after the cursor, by id. */
  findStale(before: Date, limit: number, after?: StaleCursor): Promise<Delivery[]> {
    const query = this.deliveries
      .createQueryBuilder('delivery')
      .where('delivery.status IN (:...unfinished)', { unfinished: UNFINISHED })
      .andWhere('delivery.updated_at < :before', { before })
      .orderBy('delivery.id', 'ASC')
      .take(limit);
    if (after) query.andWhere('delivery.id > :after', { after });
    return query.getMany();
  }

  /**
   * Puts a finished delivery back in line for a manual redelivery, with `extraAttempts` more
   * tries than it has made; a pending one is returned as it is. Null while it is mid-attempt.
   */
  async reopen(handoffId: string, channel: string, extraAttempts: number): Promise<Delivery | null> {
    return this.updateOne(
      `UPDATE deliveries
       SET status = 'pending',
           max_attempts = CASE WHEN status = 'pending' THEN max_attempts ELSE attempts + $3 END
       WHERE handoff_id = $1 AND channel = $2 AND status IN ('pending', 'delivered', 'failed')
       RETURNING *`,
      [handoffId, channel, extraAttempts],
    );
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
    maxAttempts: row.max_attempts as number | null,
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
