import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, LessThan, Repository } from 'typeorm';
import { DeliveryOutcome } from '../../channels/delivery-channel';
import { AttemptOutcome } from '../entities/delivery-attempt.entity';
import { Delivery, DeliveryStatus } from '../entities/delivery.entity';
import { nextDeliveryStatus } from './delivery-status';

const UNFINISHED = [DeliveryStatus.Pending, DeliveryStatus.Delivering];

/** The state of deliveries in Postgres: what must be sent, and what each attempt did. */
@Injectable()
export class DeliveriesService {
  constructor(
    @InjectRepository(Delivery) private readonly deliveries: Repository<Delivery>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The tenant and channel of a delivery still to be made; null once it is finished (or gone). */
  async unfinishedTarget(deliveryId: string): Promise<{ tenantId: string; channel: string } | null> {
    const row = await this.deliveries
      .createQueryBuilder('delivery')
      .innerJoin('delivery.handoff', 'handoff')
      .select(['handoff.tenant_id AS "tenantId"', 'delivery.channel AS "channel"'])
      .where({ id: deliveryId, status: In(UNFINISHED) })
      .getRawOne<{ tenantId: string; channel: string }>();
    return row ?? null;
  }

  /**
   * Takes a delivery for one attempt. A finished one (delivered, or failed for good) is never
   * taken again, so a job that runs twice sends once. Bull's job lock keeps two workers apart.
   */
  async claim(deliveryId: string): Promise<Delivery | null> {
    const result = await this.deliveries
      .createQueryBuilder()
      .update()
      .set({ status: DeliveryStatus.Delivering, attempts: () => 'attempts + 1' })
      .where({ id: deliveryId, status: In(UNFINISHED) })
      .returning('*')
      .execute();
    const row = (result.raw as Record<string, unknown>[])[0];
    return row ? this.deliveries.create(mapRow(row)) : null;
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
       SET status = $8, last_error = $9, response_status = $4, duration_ms = $7, delivered_at = $10, updated_at = now()
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
      ],
    );
    return status;
  }

  /** Unfinished deliveries untouched for `olderThanMs`: candidates for the sweep. */
  findStale(olderThanMs: number, limit: number): Promise<Delivery[]> {
    return this.deliveries.find({
      where: { status: In(UNFINISHED), updatedAt: LessThan(new Date(Date.now() - olderThanMs)) },
      order: { updatedAt: 'ASC' },
      take: limit,
    });
  }

  /** Puts a finished delivery back in line for a manual redelivery; null when it is mid-attempt. */
  async reopen(handoffId: string, channel: string): Promise<Delivery | null> {
    const result = await this.deliveries
      .createQueryBuilder()
      .update()
      .set({ status: DeliveryStatus.Pending })
      .where({ handoffId, channel, status: In([DeliveryStatus.Delivered, DeliveryStatus.Failed, DeliveryStatus.Pending]) })
      .returning('*')
      .execute();
    const row = (result.raw as Record<string, unknown>[])[0];
    return row ? this.deliveries.create(mapRow(row)) : null;
  }

  findOne(handoffId: string, channel: string): Promise<Delivery | null> {
    return this.deliveries.findOne({ where: { handoffId, channel } });
  }
}

/** `RETURNING *` gives column names; the entity has property names. */
function mapRow(row: Record<string, unknown>): Partial<Delivery> {
  return {
    id: row.id as string,
    handoffId: row.handoff_id as string,
    channel: row.channel as string,
    status: row.status as DeliveryStatus,
    attempts: row.attempts as number,
    lastError: row.last_error as string | null,
    responseStatus: row.response_status as number | null,
    durationMs: row.duration_ms as number | null,
    deliveredAt: row.delivered_at as Date | null,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}
