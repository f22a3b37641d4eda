import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { FastifyInstance } from 'fastify';
import { Histogram } from 'prom-client';
import { Metrics } from './metric-names';

/** Times every HTTP answer by route template (never by raw path: ids would explode the labels). */
@Injectable()
export class HttpMetrics {
  constructor(@InjectMetric(Metrics.httpDuration) private readonly duration: Histogram<string>) {}

  /** From the request's arrival to its answer's end, as Fastify measures it. */
  timeEveryAnswer(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', (request, reply, done) => {
      const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
      this.duration.observe(labels, reply.elapsedTime / 1000);
      done();
    });
  }
}
