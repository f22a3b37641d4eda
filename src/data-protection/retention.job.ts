import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { InjectMetric, makeCounterProvider } from '@willsoto/nestjs-prometheus';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '../common/scheduling/periodic-task';
import { AppConfig } from '../config/app-config';
import { ConversationsService } from '../conversations/conversations.service';
import { Metrics } from '../metrics/metric-names';
import { ErasuresService } from './erasures.service';

/** Conversations one run erases at most: the next run carries on. */
const MAX_PER_RUN = 1_000;

export const retentionMetricProviders = [
  makeCounterProvider({ name: Metrics.retentionErased, help: 'Conversations erased by retention (no message for longer than their tenant keeps them)' }),
];

/**
 * Retention: every RETENTION_SWEEP_INTERVAL_MS, in worker processes, conversations with no message
 * for longer than their tenant keeps transcripts are erased from this service (never the team's
 * tickets or threads). One conversation per short transaction, each taken with SKIP LOCKED, so
 * several workers running at once erase each conversation once and hold no long lock.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(RetentionJob.name);
  private readonly task = new PeriodicTask('Retention', () => this.run(), this.logger);

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationsService,
    private readonly erasures: ErasuresService,
    private readonly scheduler: SchedulerRegistry,
    @InjectMetric(Metrics.retentionErased) private readonly erased: Counter<string>,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.runsWorkers) this.task.start(this.scheduler, this.config.retentionSweepIntervalMs);
  }

  /** Returns how many conversations this run erased. */
  private async run(): Promise<number> {
    let count = 0;
    while (count < MAX_PER_RUN && (await this.retireOne())) count += 1;
    if (count > 0) this.logger.log(`Retention erased ${count} conversations`);
    this.erased.inc(count);
    return count;
  }

  private retireOne(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const conversationId = await this.conversations.lockOneToRetire(manager);
      return conversationId !== null && (await this.erasures.eraseLocalCopy(manager, conversationId));
    });
  }
}
