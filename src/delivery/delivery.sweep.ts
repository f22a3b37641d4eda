import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { ChannelRegistry } from '../channels/channel-registry';
import { PeriodicTask } from '../common/scheduling/periodic-task';
import { AppConfig } from '../config/app-config';
import { BulkRedelivery } from './bulk-redelivery/bulk-redelivery.service';
import { ChannelSettingsService } from './channel-settings/channel-settings.service';
import { DeliveriesRepository, StaleCursor } from './deliveries.repository';
import { channelRule, deliveryJob } from './delivery-jobs.factory';
import { mayRequeue } from './delivery-life';
import { Delivery } from './entities/delivery.entity';
import { FollowUpCursorsRepository } from './follow-ups/follow-up-cursors.repository';
import { FollowUpScheduler } from './follow-ups/follow-up-scheduler';
import { DeliveryQueue } from './queue/delivery-queue';

const PAGE = 500;

function partition<T>(items: T[], predicate: (item: T) => boolean): [T[], T[]] {
  return [items.filter(predicate), items.filter((item) => !predicate(item))];
}

/**
 * Postgres is the source of truth: on start and periodically, unfinished deliveries whose queue
 * job is gone (a process killed between commit and enqueue, Redis restarted or flushed) are
 * queued again. Runs in worker processes; several at once are harmless (job ids are unique).
 */
@Injectable()
export class DeliverySweep implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeliverySweep.name);
  private readonly task = new PeriodicTask('Sweep', () => this.sweep(), this.logger);

  constructor(
    private readonly config: AppConfig,
    private readonly deliveries: DeliveriesRepository,
    private readonly queue: DeliveryQueue,
    private readonly channels: ChannelRegistry,
    private readonly scheduler: SchedulerRegistry,
    private readonly cursors: FollowUpCursorsRepository,
    private readonly followUps: FollowUpScheduler,
    private readonly settings: ChannelSettingsService,
    private readonly bulk: BulkRedelivery,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.runsWorkers) this.task.start(this.scheduler, this.config.delivery.sweepIntervalMs);
  }

  /**
   * Returns how many deliveries were queued again. Only deliveries untouched for a whole interval
   * are considered, which leaves the API's own enqueue after commit the time to happen first. It
   * pages through all of them, so orphans are found however many others wait in backoff.
   */
  private async sweep(): Promise<number> {
    const before = new Date(Date.now() - this.config.delivery.sweepIntervalMs);
    let requeued = 0;
    let cursor: StaleCursor | undefined;
    for (;;) {
      const page = await this.deliveries.findStale(before, PAGE, cursor);
      requeued += await this.requeueOrphans(page);
      if (page.length < PAGE) break;
      cursor = page[page.length - 1].id;
    }
    if (requeued > 0) this.logger.log(`Sweep queued ${requeued} deliveries whose job was missing`);
    await this.followUpHandoffsBehind();
    // Each rotation's end has a job of its own; this catches one Redis lost.
    await this.settings.forgetExpiredSecrets();
    await this.bulk.releaseWaiting();
    return requeued;
  }

  /** Open handoffs with messages no follow-up pass took (its event was lost with a process) get one now. */
  private async followUpHandoffsBehind(): Promise<void> {
    for (const handoffId of await this.cursors.behind(PAGE)) await this.followUps.run(handoffId);
  }

  /**
   * Queues again the deliveries of the page that have no live job and tries left; those with no
   * tries left (their worker stopped mid-attempt) end `failed` with the reason, never re-sent.
   */
  private async requeueOrphans(page: Delivery[]): Promise<number> {
    const live = await Promise.all(page.map((delivery) => this.queue.hasLiveJob(delivery.id)));
    const orphans = page.filter((_, index) => !live[index]);
    const ruleOf = (delivery: Delivery) => channelRule(this.channels.byName(delivery.channel));
    const [requeue, exhausted] = partition(orphans, (delivery) => mayRequeue(delivery, ruleOf(delivery)));
    for (const delivery of exhausted) {
      const ended = await this.deliveries.endIfExhausted(delivery.id, ruleOf(delivery));
      if (ended) this.logger.warn({ deliveryId: ended.id, channel: ended.channel, error: ended.lastError }, 'Delivery ended without an attempt');
    }
    if (requeue.length > 0) await this.queue.enqueue(requeue.map((delivery) => deliveryJob(delivery, this.channels.byName(delivery.channel))));
    return requeue.length;
  }
}
