import { Injectable, Provider } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import { Counter, Histogram } from 'prom-client';
import { Metrics } from '../metrics/metric-names';

const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600];

/** The delivery metrics, registered by the delivery module and served by `/metrics`. */
export const deliveryMetricProviders: Provider[] = [
  makeCounterProvider({ name: Metrics.deliveries, help: 'Deliveries finished, by channel and final status', labelNames: ['channel', 'status'] }),
  makeCounterProvider({ name: Metrics.deliveryAttempts, help: 'Delivery attempts, by channel and outcome', labelNames: ['channel', 'outcome'] }),
  makeHistogramProvider({
    name: Metrics.deliveryLatency,
    help: 'Time from the handoff to its delivery, by channel',
    labelNames: ['channel'],
    buckets: LATENCY_BUCKETS,
  }),
  makeGaugeProvider({ name: Metrics.queueJobs, help: 'Delivery queue jobs by state', labelNames: ['state'] }),
];

/** What delivery workers record; plain arguments so the worker needs no metric types. */
@Injectable()
export class DeliveryMetrics {
  constructor(
    @InjectMetric(Metrics.deliveries) private readonly deliveries: Counter<string>,
    @InjectMetric(Metrics.deliveryAttempts) private readonly attempts: Counter<string>,
    @InjectMetric(Metrics.deliveryLatency) private readonly latency: Histogram<string>,
  ) {}

  /** A delivery ended without an attempt of its own (no tries left). */
  recordEnd(channel: string, finalStatus: string): void {
    this.deliveries.inc({ channel, status: finalStatus });
  }

  /** One attempt of a channel; `finalStatus` is the delivery's state after it. */
  recordAttempt(channel: string, outcome: string, finalStatus: string, handoffCreatedAt: Date): void {
    this.attempts.inc({ channel, outcome });
    if (finalStatus === 'pending') return;
    this.deliveries.inc({ channel, status: finalStatus });
    if (finalStatus === 'delivered') this.latency.observe({ channel }, (Date.now() - handoffCreatedAt.getTime()) / 1000);
  }
}
