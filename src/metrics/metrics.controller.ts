import { Controller, Get, HttpStatus, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { FastifyReply } from 'fastify';
import { ErrorCode } from '../common/errors/error-code';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { SecuritySchemes } from '../tenants/guards/auth.decorators';
import { MetricsAccessGuard } from './metrics-access.guard';
import { QueueDepthMetric } from '../delivery/queue-depth.metric';

@ApiTags('Operations')
@SkipThrottle()
@UseGuards(MetricsAccessGuard)
@ApiBearerAuth(SecuritySchemes.metricsToken)
@Controller('metrics')
export class MetricsController extends PrometheusController {
  /** Resolved from the global MetricsModule: this controller is mounted by PrometheusModule. */
  constructor(private readonly queueDepth: QueueDepthMetric) {
    super();
  }

  /**
   * Prometheus metrics: deliveries by channel and outcome, attempts, latency, queue depth, HTTP
   * durations. With METRICS_TOKEN set, only with `Authorization: Bearer <METRICS_TOKEN>`.
   */
  @Get()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Metrics in the Prometheus text format.', schema: { type: 'string' } })
  @ApiErrors(
    { status: HttpStatus.UNAUTHORIZED, description: `METRICS_TOKEN is set and the request does not carry it (\`${ErrorCode.Unauthorized}\`).` },
    { status: HttpStatus.NOT_FOUND, description: `Not served: NODE_ENV=production without METRICS_TOKEN (\`${ErrorCode.NotFound}\`).` },
    { status: HttpStatus.INTERNAL_SERVER_ERROR, description: 'Metrics could not be collected.' },
  )
  async getMetrics(@Res({ passthrough: true }) response: FastifyReply): Promise<string> {
    await this.queueDepth.refresh();
    return super.index(response);
  }

  /** Shadows the base class's route, so `/metrics` is served by `getMetrics` alone. */
  override index(response: FastifyReply): Promise<string> {
    return this.getMetrics(response);
  }
}
