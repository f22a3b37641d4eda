import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { PeriodicTask } from '../common/scheduling/periodic-task';
import { AppConfig } from '../config/app-config';
import { InboundEventsRepository } from './inbound-events.repository';
import { InboundService } from './inbound.service';

/** A Slack answer's message is written within a second or two; one still pending after this was interrupted. */
const STALE_AFTER_MS = 60_000;
const SWEEP_INTERVAL_MS = 60_000;
const BATCH = 50;

/**
 * Writes the Slack answers whose message a stopped process left unwritten: the event was recorded
 * (and Slack answered 200), so nothing else would bring it back.
 */
@Injectable()
export class InboundSweep implements OnApplicationBootstrap {
  private readonly logger = new Logger(InboundSweep.name);
  private readonly task = new PeriodicTask('Inbound sweep', () => this.sweep(), this.logger);

  constructor(
    private readonly events: InboundEventsRepository,
    private readonly inbound: InboundService,
    private readonly scheduler: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.runsWorkers) this.task.start(this.scheduler, SWEEP_INTERVAL_MS);
  }

  private async sweep(): Promise<number> {
    const ids = await this.events.stalePending(new Date(Date.now() - STALE_AFTER_MS), BATCH);
    for (const id of ids) await this.inbound.completePending(id);
    return ids.length;
  }
}
