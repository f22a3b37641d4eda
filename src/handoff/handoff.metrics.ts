import { Injectable, Provider } from '@nestjs/common';
import { InjectMetric, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import { Histogram } from 'prom-client';
import { Metrics } from '../metrics/metric-names';

/** Seconds to minutes to a working day: how long teams take to answer. */
const FIRST_REPLY_BUCKETS = [10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 28800, 86400];

export const handoffMetricProviders: Provider[] = [
  makeHistogramProvider({
    name: Metrics.firstReply,
    help: "Time from a handoff to its team's first answer to the visitor",
    buckets: FIRST_REPLY_BUCKETS,
  }),
];

@Injectable()
export class HandoffMetrics {
  constructor(@InjectMetric(Metrics.firstReply) private readonly firstReplyTime: Histogram<string>) {}

  firstReply(handoffCreatedAt: Date, firstReplyAt: Date): void {
    this.firstReplyTime.observe((firstReplyAt.getTime() - handoffCreatedAt.getTime()) / 1000);
  }
}
