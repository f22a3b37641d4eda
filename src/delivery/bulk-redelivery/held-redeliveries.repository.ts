import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Delivery } from '../entities/delivery.entity';
import { toDelivery } from '../deliveries.repository';

/** The `held_redeliveries` table: deliveries of a bulk redelivery waiting for their turn, and those under way. */
@Injectable()
export class HeldRedeliveriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Puts back in line, in one transaction, the tenant's failed deliveries of the channel made since
   * `since`, at most `limit`, oldest first, except those whose content was erased (an `erased`
   * delivery itself carries none, and is taken): each gets `channelAttempts` more tries (as
   * `redeliver` in delivery-life.ts gives a finished delivery) and waits, held, for its turn.
   * Returns how many.
   */
  async hold(tenantId: string, channel: string, since: Date, channelAttempts: number, limit: number): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH chosen AS (
         SELECT d.id FROM deliveries d JOIN handoffs h ON h.id = d.handoff_id
         WHERE h.tenant_id = $1 AND d.channel = $2 AND d.status = 'failed' AND d.erased_at IS NULL AND d.created_at >= $3
         ORDER BY d.created_at, d.ordinal LIMIT $5
         FOR UPDATE OF d
       ), reopened AS (
         UPDATE deliveries SET status = 'pending', max_attempts = attempts + $4, updated_at = now()
         WHERE id IN (SELECT id FROM chosen) AND status = 'failed'
         RETURNING id
       )
       INSERT INTO held_redeliveries (delivery_id, tenant_id, channel) SELECT id, $1, $2 FROM reopened
       ON CONFLICT (delivery_id) DO UPDATE SET released_at = NULL
       RETURNING delivery_id`,
      [tenantId, channel, since, channelAttempts, limit],
    );
    return rows.length;
  }

  /**
   * Lets the next held deliveries of the tenant's channel go, oldest first, so that at most
   * `share` of them are under way; forgets those that have finished. Returns the ones let go, to
   * queue. One release at a time per tenant and channel (a transaction-scoped advisory lock).
   */
  async release(tenantId: string, channel: string, share: number): Promise<Delivery[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('held-redeliveries:' || $1 || ':' || $2))`, [tenantId, channel]);
      await manager.query(
        `DELETE FROM held_redeliveries held USING deliveries d
         WHERE held.delivery_id = d.id AND held.tenant_id = $1 AND held.channel = $2
           AND held.released_at IS NOT NULL AND d.status NOT IN ('pending', 'delivering')`,
        [tenantId, channel],
      );
      const rows: Record<string, unknown>[] = await manager.query(
        `WITH next AS (
           SELECT held.delivery_id FROM held_redeliveries held JOIN deliveries d ON d.id = held.delivery_id
           WHERE held.tenant_id = $1 AND held.channel = $2 AND held.released_at IS NULL
           ORDER BY d.created_at, d.ordinal
           LIMIT GREATEST(0, $3 - (SELECT count(*) FROM held_redeliveries WHERE tenant_id = $1 AND channel = $2 AND released_at IS NOT NULL))
         ), released AS (
           UPDATE held_redeliveries SET released_at = now() WHERE delivery_id IN (SELECT delivery_id FROM next) RETURNING delivery_id
         )
         SELECT d.* FROM deliveries d JOIN released ON released.delivery_id = d.id ORDER BY d.created_at, d.ordinal`,
        [tenantId, channel, share],
      );
      return rows.map(toDelivery);
    });
  }

  /** The tenants' channels with held deliveries still waiting for their turn. */
  waiting(): Promise<{ tenantId: string; channel: string }[]> {
    return this.dataSource.query(`SELECT DISTINCT tenant_id AS "tenantId", channel FROM held_redeliveries WHERE released_at IS NULL`);
  }
}
