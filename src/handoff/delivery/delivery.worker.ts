import { InjectQueue } from '@nestjs/bull';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { ChannelRegistry } from '../../channels/channel-registry';
import { DeliveryOutcome } from '../../channels/delivery-channel';
import { AppConfig } from '../../config/app-config';
import { DELIVERY_QUEUE, DeliveryDeferred, DeliveryJobName, DeliveryJobPayload } from '../../queue/delivery-jobs';
import { DeliveryStatus } from '../entities/delivery.entity';
import { HandoffSettingsService } from '../handoff-settings.service';
import { DeliveriesService } from './deliveries.service';
import { DeliveryMetrics } from '../../metrics/delivery.metrics';
import { HandoffPayloadBuilder } from './handoff-payload.builder';

type DeliverJob = Job<DeliveryJobPayload<DeliveryJobName.Deliver>>;

/** Thrown to hand a transient failure back to the queue, which retries with backoff. */
class RetryLater extends Error {}

/**
 * One tenant may hold at most this share of a worker's delivery slots at once on a channel to its
 * own endpoint. An endpoint that hangs holds each slot it gets for WEBHOOK_TIMEOUT_MS; without a
 * cap a burst of its deliveries took every slot and every other tenant waited.
 */
const TENANT_SHARE_OF_SLOTS = 1 / 4;

const MAX_REMEMBERED_DEFERRALS = 10_000;

/** Slots in use per key (tenant and channel) in this process, up to a cap per key. */
class SlotCounter {
  private readonly inUse = new Map<string, number>();

  constructor(readonly cap: number) {}

  take(key: string): boolean {
    const used = this.inUse.get(key) ?? 0;
    if (used >= this.cap) return false;
    this.inUse.set(key, used + 1);
    return true;
  }

  release(key: string): void {
    const used = (this.inUse.get(key) ?? 1) - 1;
    if (used > 0) this.inUse.set(key, used);
    else this.inUse.delete(key);
  }
}

/**
 * Processes delivery jobs in worker processes (APP_ROLE all or worker), with the configured
 * concurrency. Each job: claim the delivery, build the payload, let its channel try once, record.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly tenantSlots: SlotCounter;
  /** The tenant and channel of the jobs this worker deferred, by delivery id. */
  private readonly deferred = new Map<string, { tenantId: string; channel: string }>();

  constructor(
    @InjectQueue(DELIVERY_QUEUE) private readonly queue: Queue<DeliveryJobPayload<DeliveryJobName.Deliver>>,
    private readonly config: AppConfig,
    private readonly deliveries: DeliveriesService,
    private readonly payloads: HandoffPayloadBuilder,
    private readonly settings: HandoffSettingsService,
    private readonly channels: ChannelRegistry,
    private readonly metrics: DeliveryMetrics,
  ) {
    this.tenantSlots = new SlotCounter(Math.max(1, Math.floor(config.delivery.concurrency * TENANT_SHARE_OF_SLOTS)));
  }

  onApplicationBootstrap(): void {
    if (!this.config.runsWorkers) return;
    // Bull's promise settles only when processing stops; failures surface through the queue's events.
    this.queue.process(DeliveryJobName.Deliver, this.config.delivery.concurrency, (job: DeliverJob) => this.handle(job)).catch(
      (error: Error) => this.logger.error(`Delivery processing stopped: ${error.message}`),
    );
  }

  /**
   * Before the database pool closes: stop taking jobs and let the running ones finish and record,
   * so none is left locked until stall detection. Waiting jobs stay queued for other workers.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.config.runsWorkers) await this.queue.close();
  }

  /**
   * On a channel to a tenant's own endpoint (the webhook), a delivery whose tenant already holds
   * its share of this worker's slots on that channel goes back to the queue for about DEFER_DELAY_MS without using an attempt: Bull counts the failure
   * that moves it back (hence the decrement, which Bull's own increment restores) and the backoff
   * strategy answers a deferral with the short delay.
   */
  async handle(job: DeliverJob): Promise<void> {
    const { deliveryId } = job.data;
    const target = this.deferred.get(deliveryId) ?? (await this.deliveries.unfinishedTarget(deliveryId));
    this.deferred.delete(deliveryId);
    if (!target) return;
    if (!this.channels.byName(target.channel)?.tenantEndpoint) return this.deliver(job);
    const slot = `${target.tenantId}:${target.channel}`;
    if (!this.tenantSlots.take(slot)) {
      // Remembered so that its next turn costs no query; bounded, as another worker may take it.
      if (this.deferred.size >= MAX_REMEMBERED_DEFERRALS) this.deferred.clear();
      this.deferred.set(deliveryId, target);
      job.attemptsMade -= 1;
      throw new DeliveryDeferred();
    }
    try {
      await this.deliver(job);
    } finally {
      this.tenantSlots.release(slot);
    }
  }

  /** Claim the delivery, let its channel try once, record the attempt; a transient failure goes back with backoff. */
  private async deliver(job: DeliverJob): Promise<void> {
    const delivery = await this.deliveries.claim(job.data.deliveryId);
    if (!delivery) return;
    const startedAt = new Date();
    const { outcome, handoffCreatedAt } = await this.attempt(delivery.handoffId, delivery.channel, delivery.id);
    const status = await this.deliveries.record(delivery, startedAt, outcome, this.config.mail.retryAttempts);
    if (outcome.status !== 'delivered') {
      // Outcomes carry no secret: a status, a truncated response and the failure reason.
      const { responseStatus, error } = outcome;
      this.logger.warn({ deliveryId: delivery.id, handoffId: delivery.handoffId, channel: delivery.channel, status, responseStatus, error }, 'Delivery attempt failed');
    }
    this.metrics.recordAttempt(delivery.channel, outcome.status, status, handoffCreatedAt ?? startedAt);
    if (status === DeliveryStatus.Pending) throw new RetryLater(outcome.status === 'delivered' ? '' : outcome.error);
  }

  /** Never throws: anything unexpected (the database, a bug) is a transient failure, recorded. */
  private async attempt(
    handoffId: string,
    channelName: string,
    deliveryId: string,
  ): Promise<{ outcome: DeliveryOutcome; handoffCreatedAt?: Date }> {
    try {
      const channel = this.channels.byName(channelName);
      if (!channel) return { outcome: { status: 'permanent_failure', error: `Unknown channel '${channelName}'` } };
      const payload = await this.payloads.build(handoffId);
      const settings = await this.settings.channelSettings(payload.tenantId);
      const outcome: DeliveryOutcome = channel.isConfigured(settings)
        ? await channel.deliver(payload, settings, { deliveryId })
        : { status: 'permanent_failure', error: `The ${channelName} channel is no longer configured` };
      return { outcome, handoffCreatedAt: payload.createdAt };
    } catch (error) {
      this.logger.error({ err: error, deliveryId }, 'Delivery attempt failed unexpectedly');
      return { outcome: { status: 'transient_failure', error: `Internal error: ${(error as Error).message}` } };
    }
  }
}
