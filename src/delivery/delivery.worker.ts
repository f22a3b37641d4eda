import { InjectQueue } from '@nestjs/bull';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { internalErrorText } from '../common/errors/internal-error-text';
import { ChannelRegistry } from '../channels/channel-registry';
import { DeliveryChannel, DeliveryOutcome } from '../channels/delivery-channel';
import { AppConfig } from '../config/app-config';
import { ChannelSettingsService } from './channel-settings/channel-settings.service';
import { DeliveriesRepository } from './deliveries.repository';
import { afterAttempt, AttemptResult, DeliveryState } from './delivery-life';
import { channelRule } from './delivery-jobs.factory';
import { logDiagnostic } from './failure-diagnostics';
import { DeliveryMetrics } from './delivery.metrics';
import { Delivery, DeliveryStatus } from './entities/delivery.entity';
import { HandoffPayloadBuilder } from './handoff-payload.builder';
import { DELIVERY_QUEUE, DeliveryDeferred, DeliveryJobName, DeliveryJobPayload, isExpectedRequeue, RetryLater } from './queue/delivery-jobs';
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
    // A job that failed other than by deferral or retry lost its way (the database went away
    // mid-record, a bug): said, with its delivery. The queue runs it again; the row decides.
    this.queue.on('failed', (job: DeliverJob, error: Error) => {
      if (!isExpectedRequeue(error)) this.logger.error({ err: error, deliveryId: job.data.deliveryId }, 'Delivery job failed');
    });
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
   * does after SLOT_WAIT_MS, goes back to the queue for about DEFER_DELAY_MS: the delivery's
   * tries are counted on its row, never by the queue, so a deferral costs none.
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
      throw new DeliveryDeferred();
    }
    try {
      await this.deliver(deliveryId, target.tenantId, target.channel);
    } finally {
      this.slots.release(target.tenantId, target.channel);
    }
  }

  /**
   * Claim the delivery, let its channel try once, record the attempt and the new state. Every way
   * out ends recorded: a transient failure with tries left goes back to the queue with backoff.
   */
  private async deliver(deliveryId: string, tenantId: string, channelName: string): Promise<void> {
    const claimed = await this.deliveries.claim(deliveryId, channelRule(this.channels.byName(channelName)));
    if (claimed.action === 'none') return;
    const { delivery } = claimed;
    if (claimed.action === 'end') {
      this.logger.warn({ deliveryId, channel: delivery.channel, error: delivery.lastError }, 'Delivery ended without an attempt');
      this.metrics.recordEnd(delivery.channel, delivery.status);
      return;
    }
    const channel = this.channels.byName(delivery.channel);
    const startedAt = new Date();
    const { outcome, result, handoffCreatedAt } = await this.attempt(delivery.handoffId, tenantId, channel, delivery.id);
    const next = afterAttempt(delivery, result);
    await this.recordSafely(delivery, startedAt, outcome, next);
    if (outcome.status !== 'delivered') {
      // Outcomes carry no secret: a status, a truncated response and the failure reason.
      const { responseStatus, error } = outcome;
      this.logger.warn({ deliveryId, handoffId: delivery.handoffId, channel: delivery.channel, status: next.status, responseStatus, error }, 'Delivery attempt failed');
    }
    this.metrics.recordAttempt(delivery.channel, outcome.status, next.status, handoffCreatedAt ?? startedAt);
    if (next.status === DeliveryStatus.Pending) {
      throw new RetryLater(outcome.status === 'delivered' ? '' : outcome.error, next.attempts, outcome.status === 'transient_failure' ? outcome.retryAfterMs : undefined);
    }
  }

  /**
   * Records the attempt; when that cannot be written, the state alone with a reason of ours. If
   * even that fails (the database is gone), the job fails and the queue brings it back: the
   * claim then counts this attempt and decides.
   */
  private async recordSafely(delivery: Delivery, startedAt: Date, outcome: DeliveryOutcome, next: DeliveryState): Promise<void> {
    try {
      await this.deliveries.record(delivery, startedAt, outcome, next);
    } catch (error) {
      const reason = this.internalFailure(error, delivery.id, 'Delivery attempt could not be recorded');
      await this.deliveries.recordInternalFailure(delivery.id, afterAttempt(delivery, 'internal_failure'), reason);
    }
  }

  /** Never throws: anything unexpected (the database, a bug) is an internal failure, logged with a reference. */
  private async attempt(
    handoffId: string,
    tenantId: string,
    channel: DeliveryChannel | undefined,
    deliveryId: string,
  ): Promise<{ outcome: DeliveryOutcome; result: AttemptResult; handoffCreatedAt?: Date }> {
    try {
      if (!channel) return failedFor('This channel is no longer available');
      const settings = await this.settings.deliveryConfig(tenantId, channel);
      if (settings.problem !== undefined) return failedFor(settings.problem);
      const payload = await this.payloads.build(handoffId, channel.transcriptBudgetBytes);
      const outcome = logDiagnostic(await channel.deliver(payload, settings.config, { deliveryId }), this.logger, { deliveryId });
      return { outcome, result: outcome.status, handoffCreatedAt: payload.createdAt };
    } catch (error) {
      const reason = this.internalFailure(error, deliveryId, 'Delivery attempt failed unexpectedly');
      return { outcome: { status: 'transient_failure', error: reason }, result: 'internal_failure' };
    }
  }

  /** Logs the raw error with a new reference, and returns the text a tenant sees. */
  private internalFailure(error: unknown, deliveryId: string, message: string): string {
    const errorId = randomUUID();
    this.logger.error({ err: error, deliveryId, errorId }, message);
    return internalErrorText(errorId);
  }
}

function failedFor(error: string): { outcome: DeliveryOutcome; result: AttemptResult } {
  return { outcome: { status: 'permanent_failure', error }, result: 'permanent_failure' };
}
