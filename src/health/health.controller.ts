import { Controller, Get, HttpStatus, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { HealthCheckResult } from '@nestjs/terminus';
import Redis from 'ioredis';
import { SkipThrottle } from '@nestjs/throttler';
import { AppError } from '../common/errors/app-error';
import { ErrorCode } from '../common/errors/error-code';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { DeliveryQueue } from '../delivery/queue/delivery-queue';

const CHECK_TIMEOUT_MS = 1500;

@ApiTags('Operations')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(Redis) private readonly redis: Redis,
    private readonly queue: DeliveryQueue,
  ) {}

  /** Liveness and readiness: Postgres, Redis and the delivery queue's connection all answer. */
  @Get()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiErrors({ status: HttpStatus.SERVICE_UNAVAILABLE, description: 'Postgres or Redis is down (`SERVICE_UNAVAILABLE`).' })
  async getHealth(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('postgres', { timeout: CHECK_TIMEOUT_MS }),
        () => this.ping('redis', () => this.redis.ping()),
        () => this.ping('queue', () => this.queue.ping()),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const down = Object.keys(result.error ?? {}).join(', ');
      throw new AppError(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.ServiceUnavailable, `Unhealthy: ${down} down.`);
    }
  }

  /** Redis twice: the shared connection, and the queue's own (what enqueueing deliveries uses). */
  private async ping<const Key extends string>(key: Key, ping: () => Promise<unknown>) {
    const indicator = this.indicators.check(key);
    const timeout = new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS).unref();
    });
    try {
      await Promise.race([ping(), timeout]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
