import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { Response } from 'express';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { QueueDepthMetric } from '../delivery/queue-depth.metric';

@ApiTags('Operations')
@SkipThrottle()
@Controller('metrics')
export class MetricsController extends PrometheusController {
  /** Resolved from the global MetricsModule: this controller is mounted by PrometheusModule. */
  constructor(private readonly queueDepth: QueueDepthMetric) {
    super();
  }

  /** Prometheus metrics: deliveries by channel and outcome, attempts, latency, queue depth, HTTP durations. */
  @Get()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Metrics in the Prometheus text format.', schema: { type: 'string' } })
  @ApiErrors({ status: HttpStatus.INTERNAL_SERVER_ERROR, description: 'Metrics could not be collected.' })
  async getMetrics(@Res({ passthrough: true }) response: Response): Promise<string> {
    await this.queueDepth.refresh();
    return super.index(response);
  }

  /** Shadows the base class's route, so `/metrics` is served by `getMetrics` alone. */
  override index(response: Response): Promise<string> {
    return this.getMetrics(response);
  }
}
