import { applyDecorators, HttpStatus, UseGuards } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { ORIGIN_NOT_ALLOWED_RESPONSE, SecuritySchemes } from '../../tenants/guards/auth.decorators';
import { WidgetKeyGuard } from '../../tenants/guards/widget-key.guard';
import { VisitorTokenGuard } from './visitor-token.guard';

/** Widget key AND the conversation's visitor token (both, in one security requirement). */
export function VisitorAuth() {
  return applyDecorators(
    UseGuards(WidgetKeyGuard, VisitorTokenGuard),
    ApiSecurity({ [SecuritySchemes.widgetKey]: [], [SecuritySchemes.visitorToken]: [] }),
    ApiErrors(HttpStatus.UNAUTHORIZED, ORIGIN_NOT_ALLOWED_RESPONSE, HttpStatus.NOT_FOUND),
  );
}
