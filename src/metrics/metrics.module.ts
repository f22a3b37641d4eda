import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import {
  makeCounterProvider,
  makeGaugeProvider,
  makeHistogramProvider,
  PrometheusModule,
} from '@willsoto/nestjs-prometheus';
import { QueueModule } from '../queue/queue.module';
import { DeliveryMetrics } from './delivery.metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { Metrics } from './metric-names';
import { MetricsController } from './metrics.controller';
import { QueueDepthMetric } from './queue-depth.metric';

const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600];

/** `/metrics` in the Prometheus format, and the metrics other modules record. */
@Global()
@Module({
  imports: [PrometheusModule.register({ controller: MetricsController, defaultMetrics: { enabled: true } }), QueueModule],
  providers: [
    makeCounterProvider({ name: Metrics.deliveries, help: 'Deliveries finished, by channel and final status', labelNames: ['channel', 'status'] }),
    makeCounterProvider({ name: Metrics.deliveryAttempts, help: 'Delivery attempts, by channel and outcome', labelNames: ['channel', 'outcome'] }),
    makeHistogramProvider({
      name: Metrics.deliveryLatency,
      help: 'Time from the handoff to its delivery, by channel',
      labelNames: ['channel'],
      buckets: LATENCY_BUCKETS,
    }),
    makeGaugeProvider({ name: Metrics.queueJobs, help: 'Delivery queue jobs by state', labelNames: ['state'] }),
    makeHistogramProvider({
      name: Metrics.httpDuration,
      help: 'HTTP request duration by method, route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    }),
    DeliveryMetrics,
    QueueDepthMetric,
  ],
  exports: [DeliveryMetrics, QueueDepthMetric],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
