import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ChannelHealth } from '../entities/channel-health.entity';

/** The `channel_health` table: failures in a row per tenant and channel, and the notice of each failing period. */
@Injectable()
export class ChannelHealthRepository {
  constructor(@InjectRepository(ChannelHealth) private readonly rows: Repository<ChannelHealth>) {}

  /**
   * One more failure in a row, inside the caller's transaction: the row stays locked until it
   * ends, so concurrent failures count one after the other and see each other's notice.
   */
  async noteFailure(manager: EntityManager, tenantId: string, channel: string, lastError: string): Promise<ChannelHealth> {
    const [row]: Record<string, unknown>[] = await manager.query(
      `INSERT INTO channel_health AS health (tenant_id, channel, consecutive_failures, failing_since, last_error, updated_at)
       VALUES ($1, $2, 1, now(), $3, now())
       ON CONFLICT (tenant_id, channel) DO UPDATE SET
         consecutive_failures = health.consecutive_failures + 1,
         failing_since = COALESCE(health.failing_since, now()),
         last_error = EXCLUDED.last_error,
         updated_at = now()
       RETURNING *`,
      [tenantId, channel, lastError],
    );
    return toHealth(row);
  }

  /** This failing period's notice is made, inside the transaction that noted the failure. */
  async noticeMade(manager: EntityManager, tenantId: string, channel: string, deliveryId: string): Promise<void> {
    await manager.query('UPDATE channel_health SET notice_delivery_id = $3 WHERE tenant_id = $1 AND channel = $2', [tenantId, channel, deliveryId]);
  }

  /** Every channel of the tenant that has failed since its last success. */
  ofTenant(tenantId: string): Promise<ChannelHealth[]> {
    return this.rows.find({ where: { tenantId } });
  }

  /** The failing period a notice delivery tells of; null once the channel delivered again (a new period has a notice of its own). */
  byNotice(deliveryId: string): Promise<ChannelHealth | null> {
    return this.rows.findOne({ where: { noticeDeliveryId: deliveryId } });
  }

  /** The channel was removed: its history goes with it. */
  async forget(tenantId: string, channel: string): Promise<void> {
    await this.rows.delete({ tenantId, channel });
  }
}

function toHealth(row: Record<string, unknown>): ChannelHealth {
  return Object.assign(new ChannelHealth(), {
    tenantId: row.tenant_id as string,
    channel: row.channel as string,
    consecutiveFailures: row.consecutive_failures as number,
    failingSince: row.failing_since as Date | null,
    lastError: row.last_error as string | null,
    noticeDeliveryId: row.notice_delivery_id as string | null,
    updatedAt: row.updated_at as Date,
  });
}
