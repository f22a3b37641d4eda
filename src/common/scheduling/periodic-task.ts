import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

/**
 * A task a worker process runs now and every `intervalMs` (registered with the scheduler, so it
 * stops at shutdown). A run that fails is logged and the next one tries again; a run that would
 * start while the previous one is still going is skipped (returns 0).
 */
export class PeriodicTask {
  private running = false;

  constructor(
    private readonly name: string,
    private readonly task: () => Promise<number>,
    private readonly logger: Logger,
  ) {}

  start(scheduler: SchedulerRegistry, intervalMs: number): void {
    const runSafely = () => {
      this.run().catch((error: Error) => this.logger.warn(`${this.name} failed: ${error.message}`));
    };
    scheduler.addInterval(this.name, setInterval(runSafely, intervalMs));
    runSafely();
  }

  async run(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      return await this.task();
    } finally {
      this.running = false;
    }
  }
}
