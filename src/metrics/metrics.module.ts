import { Global, Module } from '@nestjs/common';
import { makeHistogramProvider, PrometheusModule } from '@willsoto/nestjs-prometheus';
import { DeliveryModule } from '../delivery/delivery.module';
import { HttpMetrics } from './http-metrics';
import { Metrics } from './metric-names';
import { MetricsController } from './metrics.controller';

/** `/metrics` in the Prometheus format: HTTP durations here, the delivery module's own metrics beside them. */
@Global()
@Module({
  imports: [PrometheusModule.register({ controller: MetricsController, defaultMetrics: { enabled: true } }), DeliveryModule],
  providers: [
    makeHistogramProvider({
      name: Metrics.httpDuration,
      help: 'HTTP request duration by method, route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    }),
    HttpMetrics,
  ],
  // The metrics controller is mounted by PrometheusModule, which sees only global providers: the
  // queue depth it refreshes at scrape time comes from here.
  exports: [DeliveryModule, HttpMetrics],
})
export class MetricsModule {}
