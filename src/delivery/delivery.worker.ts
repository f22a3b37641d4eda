import { InjectQueue } from '@nestjs/bull';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { ChannelRegistry } from '../channels/channel-registry';
import { DeliveryChannel, DeliveryOutcome } from '../channels/delivery-channel';
import { AppConfig } from '../config/app-config';
import { ChannelSettingsService } from './channel-settings/channel-settings.service';
import { DeliveriesRepository } from './deliveries.repository';
import { attemptLimit } from './delivery-jobs.factory';
import { DeliveryMetrics } from './delivery.metrics';
import { DeliveryStatus } from './entities/delivery.entity';
import { HandoffPayloadBuilder } from './handoff-payload.builder';
import { DELIVERY_QUEUE, DeliveryDeferred, DeliveryJobName, DeliveryJobPayload, RetryLater } from './queue/delivery-jobs';
import { TenantSlots } from './tenant-slots';

type DeliverJob = Job<DeliveryJobPayload<DeliveryJobName.Deliver>>;

const MAX_REMEMBERED_DEFERRALS = 10_000;

/**
 * How long a delivery waits in the worker for a slot of its tenant before it is deferred. Bull
 * hands a worker jobs as fast as it finishes them: without a wait, the worker's spare job slots
 * spun through a lone tenant's backlog deferring job after job (most of a delivery's CPU time).
 * Short against a webhook timeout: a tenant arriving meanwhile waits at most this for a job slot.
 */
const SLOT_WAIT_MS = 50;

/**
 * Processes delivery jobs in worker processes (APP_ROLE all or worker), with the configured
 * concurrency. Each job: claim the delivery, build the payload, let its channel try once, record.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly slots: TenantSlots;
  /** The tenant and channel of the jobs this worker deferred, by delivery id. */
  private readonly deferred = new Map<string, { tenantId: string; channel: string }>();

  constructor(
    @InjectQueue(DELIVERY_QUEUE) private readonly queue: Queue<DeliveryJobPayload<DeliveryJobName.Deliver>>,
    private readonly config: AppConfig,
    private readonly deliveries: DeliveriesRepository,
    private readonly payloads: HandoffPayloadBuilder,
    private readonly settings: ChannelSettingsService,
    private readonly channels: ChannelRegistry,
    private readonly metrics: DeliveryMetrics,
  ) {
    this.slots = new TenantSlots(config.delivery.concurrency);
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
   * A delivery whose tenant already holds what TenantSlots allows it on that channel, and still
   * does after SLOT_WAIT_MS, goes back to the queue for about DEFER_DELAY_MS without using an
   * attempt: Bull counts the failure
   * that moves it back (hence the decrement, which Bull's own increment restores) and the backoff
   * strategy answers a deferral with the short delay.
   */
  async handle(job: DeliverJob): Promise<void> {
    const { deliveryId } = job.data;
    const target = this.deferred.get(deliveryId) ?? (await this.deliveries.unfinishedTarget(deliveryId));
    this.deferred.delete(deliveryId);
    if (!target) return;
    const tenantEndpoint = this.channels.byName(target.channel)?.tenantEndpoint !== false;
    if (!(await this.slots.takeWithin(target.tenantId, target.channel, tenantEndpoint, SLOT_WAIT_MS))) {
      // Remembered so that its next turn costs no query; bounded, as another worker may take it.
      if (this.deferred.size >= MAX_REMEMBERED_DEFERRALS) this.deferred.clear();
      this.deferred.set(deliveryId, target);
      job.attemptsMade -= 1;
      throw new DeliveryDeferred();
    }
    try {
      await this.deliver(job, target.tenantId);
    } finally {
      this.slots.release(target.tenantId, target.channel);
    }
  }

  /** Claim the delivery, let its channel try once, record the attempt; a transient failure goes back with backoff. */
  private async deliver(job: DeliverJob, tenantId: string): Promise<void> {
    const delivery = await this.deliveries.claim(job.data.deliveryId);
    if (!delivery) return;
    const channel = this.channels.byName(delivery.channel);
    const startedAt = new Date();
    const { outcome, handoffCreatedAt, internal } = await this.attempt(delivery.handoffId, tenantId, channel, delivery.id);
    const status = await this.deliveries.record(delivery, startedAt, outcome, attemptLimit(delivery, channel, internal));
    if (outcome.status !== 'delivered') {
      // Outcomes carry no secret: a status, a truncated response and the failure reason.
      const { responseStatus, error } = outcome;
      this.logger.warn({ deliveryId: delivery.id, handoffId: delivery.handoffId, channel: delivery.channel, status, responseStatus, error }, 'Delivery attempt failed');
    }
    this.metrics.recordAttempt(delivery.channel, outcome.status, status, handoffCreatedAt ?? startedAt);
    if (status === DeliveryStatus.Pending && outcome.status === 'transient_failure') {
      throw new RetryLater(outcome.error, outcome.retryAfterMs);
    }
  }

  /** Never throws: anything unexpected (the database, a bug) is a transient failure, recorded. */
  private async attempt(
    handoffId: string,
    tenantId: string,
    channel: DeliveryChannel | undefined,
    deliveryId: string,
  ): Promise<{ outcome: DeliveryOutcome; handoffCreatedAt?: Date; internal?: true }> {
    try {
      if (!channel) return { outcome: { status: 'permanent_failure', error: 'This channel is no longer available' } };
      const settings = await this.settings.deliveryConfig(tenantId, channel);
      if (settings.problem !== undefined) return { outcome: { status: 'permanent_failure', error: settings.problem } };
      const payload = await this.payloads.build(handoffId, channel.transcriptBudgetBytes);
      return { outcome: await channel.deliver(payload, settings.config, { deliveryId }), handoffCreatedAt: payload.createdAt };
    } catch (error) {
      this.logger.error({ err: error, deliveryId }, 'Delivery attempt failed unexpectedly');
      return { outcome: { status: 'transient_failure', error: `Internal error: ${(error as Error).message}` }, internal: true };
    }
  }
}
