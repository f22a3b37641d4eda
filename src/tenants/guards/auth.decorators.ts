import { applyDecorators, HttpStatus, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { ErrorCode } from '../../common/errors/error-code';
import { AdminKeyGuard } from './admin-key.guard';
import { PlatformTokenGuard } from './platform-token.guard';
import { WidgetKeyGuard } from './widget-key.guard';

/** Security scheme names of the OpenAPI document. */
export const SecuritySchemes = {
  platformToken: 'platformToken',
  adminKey: 'adminKey',
  widgetKey: 'widgetKey',
  visitorToken: 'visitorToken',
  metricsToken: 'metricsToken',
} as const;

export function PlatformAuth() {
  return applyDecorators(
    UseGuards(PlatformTokenGuard),
    ApiBearerAuth(SecuritySchemes.platformToken),
    ApiErrors(HttpStatus.UNAUTHORIZED, {
      status: HttpStatus.FORBIDDEN,
      description: `The platform API is disabled (\`${ErrorCode.PlatformApiDisabled}\`).`,
    }),
  );
}

export function AdminAuth() {
  return applyDecorators(
    UseGuards(AdminKeyGuard),
    ApiBearerAuth(SecuritySchemes.adminKey),
    ApiErrors(HttpStatus.UNAUTHORIZED),
  );
}

/** The widget key is used from a site its tenant did not allow. */
export const ORIGIN_NOT_ALLOWED_RESPONSE = {
  status: HttpStatus.FORBIDDEN,
  description: `The request's \`Origin\` is not among the workspace's allowed origins (\`${ErrorCode.OriginNotAllowed}\`).`,
};

export function WidgetAuth() {
  return applyDecorators(
    UseGuards(WidgetKeyGuard),
    ApiSecurity(SecuritySchemes.widgetKey),
    ApiErrors(HttpStatus.UNAUTHORIZED, ORIGIN_NOT_ALLOWED_RESPONSE),
  );
}
