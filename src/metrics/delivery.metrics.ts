import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { Counter, Histogram } from 'prom-client';
import { Metrics } from './metric-names';

/** What delivery workers record; plain arguments so the worker needs no metric types. */
@Injectable()
export class DeliveryMetrics {
  constructor(
    @InjectMetric(Metrics.deliveries) private readonly deliveries: Counter<string>,
    @InjectMetric(Metrics.deliveryAttempts) private readonly attempts: Counter<string>,
    @InjectMetric(Metrics.deliveryLatency) private readonly latency: Histogram<string>,
  ) {}

  /** One attempt of a channel; `finalStatus` is the delivery's state after it. */
  recordAttempt(channel: string, outcome: string, finalStatus: string, handoffCreatedAt: Date): void {
    this.attempts.inc({ channel, outcome });
    if (finalStatus === 'pending') return;
    this.deliveries.inc({ channel, status: finalStatus });
    if (finalStatus === 'delivered') this.latency.observe({ channel }, (Date.now() - handoffCreatedAt.getTime()) / 1000);
  }
}
