import { Injectable } from '@nestjs/common';
import { ChannelRegistry } from '../../channels/channel-registry';
import { notFound } from '../../common/errors/app-error';
import { AppConfig } from '../../config/app-config';
import { deliveryJob } from '../delivery-jobs.factory';
import { DeliveryQueue } from '../queue/delivery-queue';
import { tenantSlotCap } from '../tenant-slots';
import { HeldRedeliveriesRepository } from './held-redeliveries.repository';

/** The most deliveries one bulk redelivery sends again. */
export const MAX_BULK_REDELIVERY = 1_000;

/**
 * "Redeliver failed since…": a channel's failed deliveries sent again, oldest first, without
 * starving other tenants. They are all put back in line at once (pending, with their channel's
 * tries, so the count is exact and a second request finds none of them), but their jobs are
 * queued a tenant's share at a time (what TenantSlots lets one tenant hold of a worker while
 * others deliver): each that finishes lets the next one go. So other tenants' deliveries never
 * queue behind a thousand of them, and in the worker the usual per-tenant slots apply.
 */
@Injectable()
export class BulkRedelivery {
  constructor(
    private readonly held: HeldRedeliveriesRepository,
    private readonly channels: ChannelRegistry,
    private readonly queue: DeliveryQueue,
    private readonly config: AppConfig,
  ) {}

  /** Every failed delivery of the tenant's channel made since `since`, at most MAX_BULK_REDELIVERY: how many. */
  async redeliverFailed(tenantId: string, channelName: string, since: Date): Promise<number> {
    const channel = this.channels.byName(channelName);
    if (!channel) throw notFound(`Channel '${channelName}'`);
    const count = await this.held.hold(tenantId, channel.name, since, channel.retryPolicy.attempts, MAX_BULK_REDELIVERY);
    await this.release(tenantId, channel.name);
    return count;
  }

  /**
   * Queues the next held deliveries of the tenant's channel, up to its share under way. Called
   * after a bulk redelivery, by the worker when a held delivery finishes, and by the sweep (which
   * carries on a line whose worker stopped before calling it).
   */
  async release(tenantId: string, channelName: string): Promise<void> {
    const channel = this.channels.byName(channelName);
    const share = tenantSlotCap(this.config.delivery.concurrency, channel?.tenantEndpoint !== false);
    const released = await this.held.release(tenantId, channelName, share);
    if (released.length > 0) await this.queue.enqueue(released.map((delivery) => deliveryJob(delivery, channel)));
  }

  /** Every line of held deliveries gets its next ones going (the sweep). */
  async releaseWaiting(): Promise<void> {
    for (const { tenantId, channel } of await this.held.waiting()) await this.release(tenantId, channel);
  }
}
