import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { DeliveryQueue } from '../../queue/delivery-queue';
import { DeliveriesService } from './deliveries.service';

const BATCH = 500;

/**
 * Postgres is the source of truth: on start and periodically, unfinished deliveries whose queue
 * job is gone (a process killed between commit and enqueue, Redis restarted or flushed) are
 * queued again. Runs in worker processes; several at once are harmless (job ids are unique).
 */
@Injectable()
export class DeliverySweep implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeliverySweep.name);
  private running = false;

  constructor(
    private readonly config: AppConfig,
    private readonly deliveries: DeliveriesService,
    private readonly queue: DeliveryQueue,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorkers) return;
    const sweepSafely = () => {
      this.sweep().catch((error: Error) => this.logger.warn(`Sweep failed: ${error.message}`));
    };
    this.scheduler.addInterval(DeliverySweep.name, setInterval(sweepSafely, this.config.delivery.sweepIntervalMs));
    sweepSafely();
  }

  /**
   * Returns how many deliveries were queued again. Only deliveries untouched for a whole interval
   * are considered, which leaves the API's own enqueue after commit the time to happen first.
   */
  async sweep(olderThanMs = this.config.delivery.sweepIntervalMs): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const stale = await this.deliveries.findStale(olderThanMs, BATCH);
      const orphans = [];
      for (const delivery of stale) {
        if (!(await this.queue.hasLiveJob(delivery.id))) orphans.push(delivery);
      }
      if (orphans.length === 0) return 0;
      const attemptsLeft = (attempts: number) => Math.max(1, this.config.mail.retryAttempts - attempts);
      await this.queue.enqueue(orphans.map(({ id, attempts }) => ({ id, attempts: attemptsLeft(attempts) })));
      this.logger.log(`Sweep queued ${orphans.length} deliveries whose job was missing`);
      return orphans.length;
    } finally {
      this.running = false;
    }
  }
}
