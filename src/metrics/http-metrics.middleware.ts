import { Injectable, NestMiddleware } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { NextFunction, Request, Response } from 'express';
import { Histogram } from 'prom-client';
import { Metrics } from './metric-names';

/** Times every HTTP request by route template (never by raw path: ids would explode the labels). */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@InjectMetric(Metrics.httpDuration) private readonly duration: Histogram<string>) {}

  use(request: Request, response: Response, next: NextFunction): void {
    this.time(request, response);
    next();
  }

  /** Times the request until its answer is sent; `route` for one answered outside the router. */
  time(request: Request, response: Response, route?: string): void {
    const stop = this.duration.startTimer();
    response.once('finish', () => {
      const template = route ?? (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      stop({ method: request.method, route: template, status: String(response.statusCode) });
    });
  }
}
