import { InjectQueue } from '@nestjs/bull';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { ChannelRegistry } from '../../channels/channel-registry';
import { DeliveryOutcome } from '../../channels/delivery-channel';
import { AppConfig } from '../../config/app-config';
import { DELIVERY_QUEUE, DeliveryJobName, DeliveryJobPayload } from '../../queue/delivery-jobs';
import { DeliveryStatus } from '../entities/delivery.entity';
import { HandoffSettingsService } from '../handoff-settings.service';
import { DeliveriesService } from './deliveries.service';
import { DeliveryMetrics } from '../../metrics/delivery.metrics';
import { HandoffPayloadBuilder } from './handoff-payload.builder';

type DeliverJob = Job<DeliveryJobPayload<DeliveryJobName.Deliver>>;

/** Thrown to hand a transient failure back to the queue, which retries with backoff. */
class RetryLater extends Error {}

/**
 * Processes delivery jobs in worker processes (APP_ROLE all or worker), with the configured
 * concurrency. Each job: claim the delivery, build the payload, let its channel try once, record.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);

  constructor(
    @InjectQueue(DELIVERY_QUEUE) private readonly queue: Queue<DeliveryJobPayload<DeliveryJobName.Deliver>>,
    private readonly config: AppConfig,
    private readonly deliveries: DeliveriesService,
    private readonly payloads: HandoffPayloadBuilder,
    private readonly settings: HandoffSettingsService,
    private readonly channels: ChannelRegistry,
    private readonly metrics: DeliveryMetrics,
  ) {}

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

  async handle(job: DeliverJob): Promise<void> {
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
