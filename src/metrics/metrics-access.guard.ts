import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { pathOf } from '../common/http/request-path';
import { secretsEqual } from '../common/crypto/tokens';
import { AppError, unauthorized } from '../common/errors/app-error';
import { ErrorCode } from '../common/errors/error-code';
import { AppConfig } from '../config/app-config';
import { bearerToken } from '../tenants/guards/bearer-token';

/**
 * `/metrics` tells anyone who reads it about the service's traffic and tenants' deliveries. With
 * METRICS_TOKEN set it needs `Authorization: Bearer <METRICS_TOKEN>`; without it, it stays open on
 * a developer machine and is not served in production (answered like a route that does not exist).
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const expected = this.config.metricsToken;
    if (expected === undefined) {
      if (this.config.nodeEnv !== 'production') return true;
      throw new AppError(HttpStatus.NOT_FOUND, ErrorCode.NotFound, `Cannot ${request.method} ${pathOf(request.url)}`);
    }
    const token = bearerToken(request);
    if (!token || !secretsEqual(token, expected)) {
      throw unauthorized('A valid metrics token is required (Authorization: Bearer <METRICS_TOKEN>).');
    }
    return true;
  }
}
