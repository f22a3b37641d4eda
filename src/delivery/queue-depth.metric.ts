import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { Gauge } from 'prom-client';
import { DeliveryQueue } from './queue/delivery-queue';
import { Metrics } from '../metrics/metric-names';

/** The delivery queue's depth by state, read from Redis at scrape time. */
@Injectable()
export class QueueDepthMetric {
  constructor(
    private readonly queue: DeliveryQueue,
    @InjectMetric(Metrics.queueJobs) private readonly queueJobs: Gauge<string>,
  ) {}

  /** A scrape while Redis is down still returns every other metric. */
  async refresh(): Promise<void> {
    const counts = await this.queue.counts().catch(() => null);
    for (const [state, count] of Object.entries(counts ?? {})) this.queueJobs.set({ state }, count);
  }
}
