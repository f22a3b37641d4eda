import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { AppError, unauthorized } from '../../common/errors/app-error';
import { ErrorCode } from '../../common/errors/error-code';
import { secretsEqual } from '../../common/crypto/tokens';
import { bearerToken } from './bearer-token';

/** Platform API: Wilow's operators, with `Authorization: Bearer <PLATFORM_TOKEN>`. */
@Injectable()
export class PlatformTokenGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.platformToken;
    if (!expected) {
      throw new AppError(
        HttpStatus.FORBIDDEN,
        ErrorCode.PlatformApiDisabled,
        'The platform API is disabled on this deployment (PLATFORM_TOKEN is not set).',
      );
    }
    const token = bearerToken(context.switchToHttp().getRequest<FastifyRequest>());
    if (!token || !secretsEqual(token, expected)) {
      throw unauthorized('A valid platform token is required (Authorization: Bearer <token>).');
    }
    return true;
  }
}
