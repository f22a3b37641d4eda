import { applyDecorators, HttpStatus, UseGuards } from '@nestjs/common';
import { ApiParam, ApiSecurity } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { ORIGIN_NOT_ALLOWED_RESPONSE, SecuritySchemes } from '../../tenants/guards/auth.decorators';
import { WidgetKeyGuard } from '../../tenants/guards/widget-key.guard';
import { VisitorTokenGuard } from './visitor-token.guard';

/**
 * Widget key AND the conversation's visitor token (both, in one security requirement), for a route
 * under `:id`, the conversation. The guard reads `:id`, not the handler, so the parameter is declared
 * here: without it a generated client has no way to fill in the path.
 */
export function VisitorAuth() {
  return applyDecorators(
    UseGuards(WidgetKeyGuard, VisitorTokenGuard),
    ApiParam({ name: 'id', type: String, description: 'The conversation id (`conversationId`).' }),
    ApiSecurity({ [SecuritySchemes.widgetKey]: [], [SecuritySchemes.visitorToken]: [] }),
    ApiErrors(HttpStatus.UNAUTHORIZED, ORIGIN_NOT_ALLOWED_RESPONSE, HttpStatus.NOT_FOUND),
  );
}
