import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Job, JobOptions, Queue } from 'bull';
import { DELIVERY_QUEUE, DeliveryBackoffOptions, DeliveryJobName, DeliveryJobPayload, JITTERED_EXPONENTIAL, UNLIMITED_JOB_RUNS } from './delivery-jobs';

/** A job to add: the delivery, how its channel backs off, and how long it waits first. */
export interface DeliveryJobRequest {
  id: string;
  backoff: DeliveryBackoffOptions;
  delayMs?: number;
}

const LIVE_STATES = new Set<string>(['waiting', 'delayed', 'active', 'paused']);

/** Redis should answer in milliseconds; past this the request goes on and the sweep enqueues. */
const ENQUEUE_TIMEOUT_MS = 1500;

/** The producer side of the delivery queue: one job per delivery, its id the delivery id. */
@Injectable()
export class DeliveryQueue {
  private readonly logger = new Logger(DeliveryQueue.name);

  constructor(@InjectQueue(DELIVERY_QUEUE) private readonly queue: Queue<DeliveryJobPayload<DeliveryJobName>>) {}

  /**
   * Adds a job per delivery. Adding a job whose id exists is a no-op,
   * so callers (the API after commit, the sweep, a redeliver) never double a job. Returns whether
   * the queue took them; Postgres keeps the deliveries either way and the sweep retries.
   */
  async enqueue(deliveries: DeliveryJobRequest[]): Promise<boolean> {
    try {
      await withTimeout(Promise.all(deliveries.map((delivery) => this.add(delivery))));
      return true;
    } catch (error) {
      this.logger.warn(`Deliveries recorded but not queued (${(error as Error).message}); the sweep will queue them`);
      return false;
    }
  }

  /** The delivery's job, if the queue still has one waiting, delayed or running. */
  async hasLiveJob(deliveryId: string): Promise<boolean> {
    const job = await this.queue.getJob(deliveryId);
    return job !== null && LIVE_STATES.has(await job.getState());
  }

  /**
   * Leaves the delivery with exactly one live job, due now: a job waiting in backoff is promoted
   * and keeps the attempts it has left; a waiting or running one is left alone; otherwise (none,
   * or a finished one left behind) a new job is added.
   */
  async runNow(request: DeliveryJobRequest): Promise<void> {
    const job = await this.queue.getJob(request.id);
    const state = job ? await job.getState() : undefined;
    if (job && state === 'delayed') return job.promote();
    if (state !== undefined && LIVE_STATES.has(state)) return;
    await job?.remove();
    await this.enqueue([request]);
  }

  /**
   * Fails at once while the queue's connection is down: its commands wait for reconnection
   * (Bull needs an offline queue), which would hold the health check until its timeout.
   */
  async ping(): Promise<unknown> {
    const { status } = this.queue.client;
    if (status !== 'ready') throw new Error(`queue connection ${status}`);
    return this.queue.client.ping();
  }

  async counts() {
    return this.queue.getJobCounts();
  }

  /**
   * A pass over the handoff's new messages (see FollowUpScheduler), one job per message added:
   * a pass takes every message not yet taken, so extra passes find nothing to do. When Redis does
   * not take it, the sweep finds the handoff behind.
   */
  async enqueueFollowUp(handoffId: string, sequence: number): Promise<void> {
    const options: JobOptions = { jobId: `follow-up:${handoffId}:${sequence}`, attempts: 5, backoff: 1_000, removeOnComplete: true, removeOnFail: true };
    await withTimeout(this.queue.add(DeliveryJobName.FollowUp, { handoffId }, options)).catch((error: Error) => {
      this.logger.warn(`Follow-up pass not queued (${error.message}); the sweep will run it`);
    });
  }

  /**
   * A pass that deletes the previous secrets whose window has ended, at `when` (a rotation's
   * end). When Redis does not take it, the sweep's own pass does it a little later.
   */
  async forgetSecretsAt(when: Date): Promise<void> {
    const options: JobOptions = {
      jobId: `forget-secrets:${when.getTime()}`,
      delay: Math.max(0, when.getTime() - Date.now()),
      attempts: 5,
      backoff: 1_000,
      removeOnComplete: true,
      removeOnFail: true,
    };
    await withTimeout(this.queue.add(DeliveryJobName.ForgetSecrets, {}, options)).catch((error: Error) => {
      this.logger.warn(`Forgetting of previous secrets not queued (${error.message}); the sweep will do it`);
    });
  }

  private add({ id, backoff, delayMs }: DeliveryJobRequest): Promise<Job> {
    const options: JobOptions = {
      jobId: id,
      ...(delayMs !== undefined && delayMs > 0 && { delay: delayMs }),
      attempts: UNLIMITED_JOB_RUNS,
      backoff: { type: JITTERED_EXPONENTIAL, options: backoff },
      removeOnComplete: true,
      removeOnFail: true,
    };
    return this.queue.add(DeliveryJobName.Deliver, { deliveryId: id }, options);
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error(`queue did not answer in ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS).unref();
    }),
  ]);
}
