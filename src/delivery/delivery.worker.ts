import { InjectQueue } from '@nestjs/bull';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { ChannelRegistry } from '../channels/channel-registry';
import { DeliveryChannel, DeliveryContext, DeliveryOutcome, DeliveryTopic } from '../channels/delivery-channel';
import { internalErrorText } from '../common/errors/internal-error-text';
import { AppConfig } from '../config/app-config';
import { BulkRedelivery } from './bulk-redelivery/bulk-redelivery.service';
import { ChannelSettingsService } from './channel-settings/channel-settings.service';
import { DeliveriesRepository, DeliveryTarget, FailureNoticeRule } from './deliveries.repository';
import { channelRule, deliveryJob } from './delivery-jobs.factory';
import { afterAttempt, AttemptResult, cancelled, DeliveryState, isUnfinished } from './delivery-life';
import { DeliveryPayloadBuilder } from './delivery-payload.builder';
import { DeliveryMetrics } from './delivery.metrics';
import { Delivery, DeliveryKind, DeliveryStatus } from './entities/delivery.entity';
import { logDiagnostic } from './failure-diagnostics';
import { FollowUpScheduler } from './follow-ups/follow-up-scheduler';
import { DeliveryQueue } from './queue/delivery-queue';
import { DELIVERY_QUEUE, DeliveryDeferred, DeliveryJobName, DeliveryJobPayload, isExpectedRequeue, NotYet, RetryLater } from './queue/delivery-jobs';
import { TenantSlots } from './tenant-slots';

type DeliverJob = Job<DeliveryJobPayload<DeliveryJobName.Deliver>>;
type FollowUpJob = Job<DeliveryJobPayload<DeliveryJobName.FollowUp>>;

const MAX_REMEMBERED_DEFERRALS = 10_000;

/** Follow-up passes a worker runs at once: each is a short transaction. */
const FOLLOW_UP_CONCURRENCY = 2;

/**
 * How long a delivery waits in the worker for a slot of its tenant before it is deferred. Bull
 * hands a worker jobs as fast as it finishes them: without a wait, the worker's spare job slots
 * spun through a lone tenant's backlog deferring job after job (most of a delivery's CPU time).
 * Short against a webhook timeout: a tenant arriving meanwhile waits at most this for a job slot.
 */
const SLOT_WAIT_MS = 50;

/** Said on a failure notice whose channel delivered again before it went out (the period it told of is over). */
const RECOVERED_FIRST = 'Not sent: the channel delivered again before this notice went out.';

/** Recording a delivery that did not fail makes no notice. */
const NO_NOTICE: FailureNoticeRule = { after: Number.POSITIVE_INFINITY, through: null };

/** Said on a visitor email that found every answer read in the widget before it was due. */
const READ_IN_THE_WIDGET = 'Not sent: the visitor read these answers in the widget first.';

/** A claimed delivery with nothing to send after all, and why: it ends `cancelled`. */
interface NotSent {
  notSent: string;
}

/** What one attempt produced, before it is recorded. */
interface Attempted {
  outcome: DeliveryOutcome;
  result: AttemptResult;
  handoffCreatedAt?: Date;
}

/**
 * Processes delivery jobs in worker processes (APP_ROLE all or worker), with the configured
 * concurrency. Each job: claim the delivery, build its payload, let its channel try once, record;
 * then bring forward the next delivery waiting behind it on its channel. Follow-up passes (the
 * messages of open handoffs turned into deliveries) run here too.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly slots: TenantSlots;
  /** The target of the jobs this worker deferred, by delivery id. */
  private readonly deferred = new Map<string, DeliveryTarget>();

  constructor(
    @InjectQueue(DELIVERY_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
    private readonly deliveries: DeliveriesRepository,
    private readonly payloads: DeliveryPayloadBuilder,
    private readonly settings: ChannelSettingsService,
    private readonly channels: ChannelRegistry,
    private readonly metrics: DeliveryMetrics,
    private readonly followUps: FollowUpScheduler,
    private readonly producer: DeliveryQueue,
    private readonly bulk: BulkRedelivery,
  ) {
    this.slots = new TenantSlots(config.delivery.concurrency);
  }

  onApplicationBootstrap(): void {
    if (!this.config.runsWorkers) return;
    const stopped = (error: Error) => this.logger.error(`Delivery processing stopped: ${error.message}`);
    // Bull's promise settles only when processing stops; failures surface through the queue's events.
    this.queue.process(DeliveryJobName.Deliver, this.config.delivery.concurrency, (job: Job) => this.handle(job as DeliverJob)).catch(stopped);
    this.queue.process(DeliveryJobName.FollowUp, FOLLOW_UP_CONCURRENCY, (job: Job) => this.followUps.run((job as FollowUpJob).data.handoffId)).catch(stopped);
    this.queue.process(DeliveryJobName.ForgetSecrets, 1, () => this.settings.forgetExpiredSecrets()).catch(stopped);
    // A job that failed other than by deferral, retry or wait lost its way (the database went
    // away mid-record, a bug): said, with what it was for. The queue runs it again; the row decides.
    this.queue.on('failed', (job: Job<Record<string, unknown>>, error: Error) => {
      if (!isExpectedRequeue(error)) this.logger.error({ err: error, job: job.name, ...job.data }, 'Delivery job failed');
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
      await this.deliver(deliveryId, target);
    } finally {
      this.slots.release(target.tenantId, target.channel);
      // A bulk redelivery's next delivery goes as one of its own ends (or is retried: then none is let go).
      if (target.held) await this.bulk.release(target.tenantId, target.channel).catch((error: Error) => this.logger.warn(`Held redeliveries not let go (${error.message}); the sweep will`));
    }
  }

  /**
   * Claim the delivery, let its channel try once, record the attempt and the new state. Every way
   * out ends recorded: a transient failure with tries left goes back to the queue with backoff.
   */
  private async deliver(deliveryId: string, target: DeliveryTarget): Promise<void> {
    const channel = this.channels.byName(target.channel);
    const claimed = await this.deliveries.claim(deliveryId, channelRule(channel));
    if (claimed.action === 'none') return;
    if (claimed.action === 'wait') throw new NotYet(claimed.reason === 'not_due' ? claimed.afterMs : undefined);
    const { delivery } = claimed;
    if (claimed.action === 'end') {
      this.logger.warn({ deliveryId, channel: delivery.channel, error: delivery.lastError }, 'Delivery ended without an attempt');
      this.metrics.recordEnd(delivery, delivery.status);
      return this.bringForwardNext(delivery, delivery.status);
    }
    const startedAt = new Date();
    const attempted = await this.attempt(delivery, target.tenantId, channel);
    if ('notSent' in attempted) return this.endUnsent(delivery, attempted.notSent);
    const next = afterAttempt(delivery, attempted.result);
    await this.recordSafely(delivery, target.tenantId, startedAt, attempted.outcome, next);
    this.report(delivery, attempted, next.status, startedAt);
    await this.bringForwardNext(delivery, next.status);
    if (next.status === DeliveryStatus.Pending) {
      const { outcome } = attempted;
      throw new RetryLater(outcome.status === 'delivered' ? '' : outcome.error, next.attempts, outcome.status === 'transient_failure' ? outcome.retryAfterMs : undefined);
    }
  }

  /** A claimed delivery that turned out to have nothing to send ends `cancelled`, saying why. */
  private async endUnsent(delivery: Delivery, reason: string): Promise<void> {
    const next = cancelled(delivery);
    await this.deliveries.recordWithoutAttempt(delivery.id, next, reason);
    this.metrics.recordEnd(delivery, next.status);
    await this.bringForwardNext(delivery, next.status);
  }

  private report(delivery: Delivery, { outcome, handoffCreatedAt }: Attempted, status: DeliveryStatus, startedAt: Date): void {
    if (outcome.status !== 'delivered') {
      // No failure text: a peer's explanation may echo what the visitor wrote or their address
      // (a mail server naming the recipient), and logs cannot be erased. The delivery keeps it.
      const { responseStatus } = outcome;
      this.logger.warn({ deliveryId: delivery.id, handoffId: delivery.handoffId, kind: delivery.kind, channel: delivery.channel, status, responseStatus }, 'Delivery attempt failed');
    }
    this.metrics.recordAttempt(delivery, outcome.status, status, handoffCreatedAt ?? startedAt);
  }

  /** Once a delivery is finished, the next one on its channel may go: it is queued now, not at its next look. */
  private async bringForwardNext(delivery: Delivery, status: DeliveryStatus): Promise<void> {
    if (isUnfinished(status)) return;
    const next = await this.deliveries.nextInLine(delivery);
    if (next) await this.producer.runNow(deliveryJob(next, this.channels.byName(next.channel)));
  }

  /**
   * Records the attempt; when that cannot be written, the state alone with a reason of ours. If
   * even that fails (the database is gone), the job fails and the queue brings it back: the
   * claim then counts this attempt and decides.
   */
  private async recordSafely(delivery: Delivery, tenantId: string, startedAt: Date, outcome: DeliveryOutcome, next: DeliveryState): Promise<void> {
    try {
      const notice = next.status === DeliveryStatus.Failed ? await this.failureNoticeRule(tenantId, delivery.channel) : NO_NOTICE;
      const made = await this.deliveries.record({ delivery, tenantId }, startedAt, outcome, next, notice);
      // Should this not reach the queue, the sweep finds the notice pending.
      if (made) await this.producer.enqueue([deliveryJob(made, this.channels.byName(made.channel))]);
    } catch (error) {
      const reason = this.internalFailure(error, delivery.id, 'Delivery attempt could not be recorded');
      await this.deliveries.recordWithoutAttempt(delivery.id, afterAttempt(delivery, 'internal_failure'), reason);
    }
  }

  /**
   * How a failing channel is told of: through the channel that sends notices (the handoff email)
   * when the tenant has it configured, unless it is the failing channel itself.
   */
  private async failureNoticeRule(tenantId: string, failing: string): Promise<FailureNoticeRule> {
    const after = this.config.delivery.failureNoticeAfter;
    const through = this.channels.all().find((channel) => channel.sendsNotices);
    if (!through || through.name === failing || !(await this.settings.configuredChannels(tenantId)).includes(through)) return { after, through: null };
    return { after, through: { channel: through.name, maxAttempts: through.retryPolicy.attempts } };
  }

  /**
   * One try, by the delivery's kind, or why there turned out to be nothing to send. Never
   * throws: anything unexpected (the database, a bug) is an internal failure, logged with a reference.
   */
  private async attempt(delivery: Delivery, tenantId: string, channel: DeliveryChannel | undefined): Promise<Attempted | NotSent> {
    try {
      if (!channel) return failedFor('This channel is no longer available');
      const attempted = await this.send(delivery, tenantId, channel, { deliveryId: delivery.id, attempt: delivery.attempts });
      if ('notSent' in attempted) return attempted;
      return { ...attempted, outcome: logDiagnostic(attempted.outcome, this.logger, { deliveryId: delivery.id }) };
    } catch (error) {
      const reason = this.internalFailure(error, delivery.id, 'Delivery attempt failed unexpectedly');
      return { outcome: { status: 'transient_failure', error: reason }, result: 'internal_failure' };
    }
  }

  private async send(delivery: Delivery, tenantId: string, channel: DeliveryChannel, context: DeliveryContext): Promise<Attempted | NotSent> {
    if (delivery.kind === DeliveryKind.VisitorEmail) {
      const payload = await this.payloads.visitorEmail(delivery, tenantId);
      if (payload === null) return { notSent: READ_IN_THE_WIDGET };
      return withResult(await channel.deliverToVisitor(payload, await this.settings.visitorConfig(tenantId, channel), context));
    }
    const settings = await this.settings.deliveryConfig(tenantId, channel);
    if (settings.problem !== undefined) return failedFor(settings.problem);
    if (delivery.kind === DeliveryKind.FailureNotice) {
      const payload = await this.payloads.failureNotice(delivery);
      if (payload === null) return { notSent: RECOVERED_FIRST };
      return withResult(await channel.deliverNotice(payload, settings.config, context));
    }
    if (!channel.takes(delivery.kind, settings.config)) return { notSent: notSubscribed(channel, delivery.kind) };
    switch (delivery.kind) {
      case DeliveryKind.Handoff: {
        const payload = await this.payloads.handoff(delivery.handoffId, channel.transcriptBudgetBytes);
        return { ...withResult(await channel.deliver(payload, settings.config, context)), handoffCreatedAt: payload.createdAt };
      }
      case DeliveryKind.FollowUp:
        return withResult(await channel.deliverFollowUp(await this.payloads.followUp(delivery), settings.config, context));
      case DeliveryKind.Resolved:
        return withResult(await channel.deliverResolution(await this.payloads.resolution(delivery), settings.config, context));
      case DeliveryKind.Erased:
        return withResult(await channel.deliverErasure(await this.payloads.erasure(delivery), settings.config, context));
    }
  }

  /** Logs the raw error with a new reference, and returns the text a tenant sees. */
  private internalFailure(error: unknown, deliveryId: string, message: string): string {
    const errorId = randomUUID();
    this.logger.error({ err: error, deliveryId, errorId }, message);
    return internalErrorText(errorId);
  }
}

/** Said on a delivery whose event the channel's settings stopped taking after it was made (a webhook's `events`). */
function notSubscribed(channel: DeliveryChannel, topic: DeliveryTopic): string {
  const event = channel.events.find((candidate) => candidate.topic === topic)?.name ?? topic;
  return `Not sent: the ${channel.displayName} is no longer subscribed to ${event}.`;
}

function withResult(outcome: DeliveryOutcome): Attempted {
  return { outcome, result: outcome.status };
}

function failedFor(error: string): Attempted {
  return { outcome: { status: 'permanent_failure', error }, result: 'permanent_failure' };
}
