import { isUuid } from '../common/validation/uuid';
import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChannelRegistry } from '../channels/channel-registry';
import { DeliveryChannel } from '../channels/delivery-channel';
import { AppError, notFound } from '../common/errors/app-error';
import { ChannelSettingsService } from './channel-settings/channel-settings.service';
import { ErrorCode } from '../common/errors/error-code';
import { DeliveriesRepository, ScheduledChannel } from './deliveries.repository';
import { deliveryJob } from './delivery-jobs.factory';
import { Delivery, DeliveryKind } from './entities/delivery.entity';
import { FollowUpScheduler } from './follow-ups/follow-up-scheduler';
import { DeliveryQueue } from './queue/delivery-queue';
import { ErasureTarget, erasureTargets } from './erasure-targets';

/** A page of a handoff's deliveries, in the order they were made. */
export interface DeliveryPage {
  items: Delivery[];
  /** The last delivery's ordinal when more follow. */
  nextOrdinal: string | null;
}

/**
 * What the handoff module asks of delivery: schedule a handoff's deliveries and open its
 * follow-up lanes in its transaction, announce its resolution, queue after commit, redeliver by
 * hand, and read them back.
 */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly queue: DeliveryQueue,
    private readonly channels: ChannelRegistry,
    private readonly followUps: FollowUpScheduler,
    private readonly settings: ChannelSettingsService,
  ) {}

  /**
   * One pending delivery per channel, and the handoff's follow-up lanes starting after its
   * transcript (the visitor's own when `visitorEmail` is given), in the caller's transaction.
   */
  async schedule(
    manager: EntityManager,
    handoffId: string,
    channels: readonly DeliveryChannel[],
    handoff: { visitorEmail: string | null; transcriptLength: number },
  ): Promise<Delivery[]> {
    const scheduled = channels.map((channel) => ({ channel: channel.name, maxAttempts: channel.retryPolicy.attempts }));
    const lanes = { names: this.followUps.lanesOf(channels, handoff.visitorEmail), fromSeq: handoff.transcriptLength };
    return this.deliveries.scheduleHandoff(manager, handoffId, scheduled, lanes);
  }

  /**
   * The handoff is being resolved, in the caller's transaction: its messages not yet followed up
   * become deliveries first, then each of its channels that announces a resolution gets one, so
   * it arrives after them (unless its settings do not take resolutions: a webhook not subscribed
   * to `handoff.resolved`). Returns what to queue after commit.
   */
  async resolve(manager: EntityManager, handoffId: string, handoffChannels: string[]): Promise<Delivery[]> {
    const followUps = await this.followUps.followUp(manager, handoffId);
    const tenantId = await this.deliveries.tenantOfHandoff(manager, handoffId);
    const announcing: ScheduledChannel[] = [];
    for (const channel of handoffChannels.map((name) => this.channels.byName(name))) {
      if (channel?.announcesResolution && (await this.settings.takes(tenantId, channel, 'resolved'))) {
        announcing.push({ channel: channel.name, maxAttempts: channel.retryPolicy.attempts });
      }
    }
    return [...followUps, ...(await this.deliveries.schedule(manager, handoffId, announcing, { kind: DeliveryKind.Resolved }))];
  }

  /**
   * Erases what the handoffs' deliveries hold of their conversation and closes their follow-up
   * lanes, inside the caller's transaction. Following the destinations, it also schedules an
   * `erased` delivery for each channel that follows erasures, and returns what the erasure must
   * record of each destination (with the delivery that follows it) and what to queue after commit;
   * without (retention, this service's own copy only), nothing leaves.
   */
  async erase(
    manager: EntityManager,
    handoffIds: string[],
    { followDestinations }: { followDestinations: boolean },
  ): Promise<{ targets: (ErasureTarget & { deliveryId?: string })[]; toQueue: Delivery[] }> {
    const erased = await this.deliveries.erase(manager, handoffIds);
    await this.followUps.close(manager, handoffIds);
    const targets: (ErasureTarget & { deliveryId?: string })[] = [];
    if (!followDestinations) return { targets, toQueue: [] };
    const toQueue: Delivery[] = [];
    const saved = await this.settingsOfChannels(manager, erased);
    for (const target of erasureTargets(erased, (name) => this.channels.byName(name), (name) => saved.get(name) ?? {})) {
      if (!target.follow) {
        targets.push(target);
        continue;
      }
      const channel = this.channels.byName(target.channel) as DeliveryChannel;
      const [delivery] = await this.deliveries.schedule(manager, target.handoffId, [{ channel: channel.name, maxAttempts: channel.retryPolicy.attempts }], {
        kind: DeliveryKind.Erased,
      });
      targets.push({ ...target, deliveryId: delivery.id });
      toQueue.push(delivery);
    }
    return { targets, toQueue };
  }

  /** The saved settings of the channels these deliveries went through, by channel (one tenant's handoffs). */
  private async settingsOfChannels(manager: EntityManager, deliveries: Delivery[]): Promise<Map<string, Record<string, unknown>>> {
    if (deliveries.length === 0) return new Map();
    const tenantId = await this.deliveries.tenantOfHandoff(manager, deliveries[0].handoffId);
    const channels = [...new Set(deliveries.map((delivery) => delivery.channel))];
    return new Map(await Promise.all(channels.map(async (name) => [name, await this.settings.savedSettings(tenantId, name)] as const)));
  }

  /** The states of these deliveries, by id. */
  async statesOf(deliveryIds: string[]): Promise<Map<string, Delivery>> {
    return new Map((await this.deliveries.byIds(deliveryIds)).map((delivery) => [delivery.id, delivery]));
  }

  /**
   * Queues deliveries; call after commit (a job for a row that is not there yet would find
   * nothing to send). When Redis does not take them, the sweep does later.
   */
  async enqueue(deliveries: Delivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.queue.enqueue(deliveries.map((delivery) => deliveryJob(delivery, this.channels.byName(delivery.channel))));
  }

  /** Sends one channel's handoff delivery again now, with the same handoffId (see `redeliver`). */
  async redeliverHandoff(handoffId: string, channelName: string): Promise<Delivery> {
    const delivery = await this.deliveries.findHandoffDelivery(handoffId, channelName);
    if (!delivery) throw notFound('Delivery');
    return this.reopen(delivery);
  }

  /** Sends any delivery of the tenant's handoffs again now (404 for another tenant's). */
  async redeliver(tenantId: string, deliveryId: string): Promise<Delivery> {
    const delivery = await this.deliveries.findForTenant(tenantId, deliveryId);
    if (!delivery) throw notFound('Delivery');
    return this.reopen(delivery);
  }

  /** The handoff deliveries of these handoffs, by channel name. */
  /**
   * The tenant's handoff a helpdesk's ticket or thread belongs to: the one whose `channel` delivery
   * recorded `externalId`, else `handoffId` when the helpdesk carries it and that handoff of the
   * tenant went through `channel`; null when neither.
   */
  async handoffOfHelpdeskThread(tenantId: string, channel: string, externalId: string, handoffId: string | null): Promise<string | null> {
    const byThread = await this.deliveries.handoffOfExternalId(tenantId, channel, externalId);
    if (byThread || handoffId === null || !isUuid(handoffId)) return byThread;
    return (await this.deliveries.hasHandoffDelivery(tenantId, handoffId, channel)) ? handoffId : null;
  }

  /** Whether the service itself made this comment, note or post (an inbound request echoing it). */
  madeExternalItem(tenantId: string, channel: string, externalId: string): Promise<boolean> {
    return this.deliveries.madeExternalItem(tenantId, channel, externalId);
  }

  handoffDeliveriesOf(handoffIds: string[]): Promise<Delivery[]> {
    return this.deliveries.handoffDeliveriesOf(handoffIds);
  }

  /** The handoff deliveries of one handoff with every attempt. */
  handoffDeliveriesWithAttempts(handoffId: string): Promise<Delivery[]> {
    return this.deliveries.handoffDeliveriesWithAttempts(handoffId);
  }

  followUpCounts(handoffIds: string[]): Promise<Map<string, { total: number; failed: number }>> {
    return this.deliveries.followUpCounts(handoffIds);
  }

  /** One page of a handoff's deliveries of every kind (or one), with their attempts. */
  async page(handoffId: string, limit: number, options: { kind?: DeliveryKind; afterOrdinal?: string }): Promise<DeliveryPage> {
    const rows = await this.deliveries.pageOfHandoff(handoffId, limit, options);
    const page = rows.slice(0, limit);
    const items = await this.deliveries.withAttempts(page.map((delivery) => delivery.id));
    return { items, nextOrdinal: rows.length > limit ? page[page.length - 1].ordinal : null };
  }

  /**
   * A finished delivery gets its channel's attempts again; a pending one (waiting, or in backoff)
   * keeps the attempts it has left. Either way it ends with exactly one live job. 409 while an
   * attempt is running, and for good once what it carried is erased.
   */
  private async reopen(delivery: Delivery): Promise<Delivery> {
    const channel = this.channels.byName(delivery.channel);
    const reopened = await this.deliveries.reopen(delivery.id, channel?.retryPolicy.attempts ?? 1);
    if (!reopened) throw notFound('Delivery');
    if (reopened === 'attempting') throw new AppError(HttpStatus.CONFLICT, ErrorCode.Conflict, 'This delivery is being attempted right now; try again shortly.');
    if (reopened === 'erased') throw new AppError(HttpStatus.CONFLICT, ErrorCode.DeliveryErased, 'What this delivery carried was erased: there is nothing left to send.');
    await this.queue.runNow(deliveryJob(reopened, channel));
    return reopened;
  }
}
