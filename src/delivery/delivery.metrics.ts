import { Injectable, Provider } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import { Counter, Histogram } from 'prom-client';
import { Metrics } from '../metrics/metric-names';
import { Delivery, DeliveryKind, DeliveryStatus } from './entities/delivery.entity';

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
  makeCounterProvider({ name: Metrics.followUps, help: 'Follow-ups finished (messages after a handoff, to its channels), by channel and final status', labelNames: ['channel', 'status'] }),
];

/** What delivery workers record; plain arguments so the worker needs no metric types. */
@Injectable()
export class DeliveryMetrics {
  constructor(
    @InjectMetric(Metrics.deliveries) private readonly deliveries: Counter<string>,
    @InjectMetric(Metrics.deliveryAttempts) private readonly attempts: Counter<string>,
    @InjectMetric(Metrics.deliveryLatency) private readonly latency: Histogram<string>,
    @InjectMetric(Metrics.followUps) private readonly followUps: Counter<string>,
  ) {}

  /** A delivery ended without an attempt of its own (no tries left, or nothing left to send). */
  recordEnd(delivery: Pick<Delivery, 'channel' | 'kind'>, finalStatus: string): void {
    this.finished(delivery, finalStatus);
  }

  /**
   * One attempt of a delivery; `finalStatus` is the delivery's state after it. Handoff deliveries
   * count in `wilow_deliveries_total` and the latency from the handoff; follow-ups in their own counter.
   */
  recordAttempt(delivery: Pick<Delivery, 'channel' | 'kind'>, outcome: string, finalStatus: string, handoffCreatedAt: Date): void {
    const { channel } = delivery;
    this.attempts.inc({ channel, outcome });
    if (finalStatus === DeliveryStatus.Pending) return;
    this.finished(delivery, finalStatus);
    if (delivery.kind === DeliveryKind.Handoff && finalStatus === DeliveryStatus.Delivered) {
      this.latency.observe({ channel }, (Date.now() - handoffCreatedAt.getTime()) / 1000);
    }
  }

  private finished({ channel, kind }: Pick<Delivery, 'channel' | 'kind'>, status: string): void {
    if (kind === DeliveryKind.Handoff) this.deliveries.inc({ channel, status });
    if (kind === DeliveryKind.FollowUp) this.followUps.inc({ channel, status });
  }
}
