import { Controller, Get, HttpStatus, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { answeredFromClientCache } from '../common/http/freshness';
import { ErrorCode } from '../common/errors/error-code';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { DEMO_PAGE_CSP, renderDemoPage } from './demo-page';
import { DemoPageQueryDto } from './demo-page-query.dto';
import { WidgetScript } from './widget-script';

/**
 * Set in the handlers rather than with `@Header`, which Nest applies before pipes and handler run:
 * error bodies must keep their JSON type, and a 503 must not be cached as the script.
 */
const WIDGET_SCRIPT_HEADERS = {
  'Content-Type': 'application/javascript; charset=utf-8',
  'Cache-Control': 'public, max-age=300',
  // Helmet's default (same-origin) would stop customer sites from loading it.
  'Cross-Origin-Resource-Policy': 'cross-origin',
};
const DEMO_PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': DEMO_PAGE_CSP,
};

/**
 * The success body's media type, given per response: `@ApiProduces` would also put the JSON error
 * bodies under it.
 */
function textBody(mediaType: string) {
  return { [mediaType]: { schema: { type: 'string' as const } } };
}

@ApiTags('Widget assets')
@Controller()
export class WidgetAssetsController {
  constructor(private readonly script: WidgetScript) {}

  /** The embeddable widget, one script: `<script src="https://<host>/widget.js" data-widget-key="wk_…" async>`. */
  @Get('widget.js')
  @ApiOkResponse({ description: 'The widget script.', content: textBody('application/javascript') })
  @ApiErrors({
    status: HttpStatus.SERVICE_UNAVAILABLE,
    description: `The widget bundle was not built with this deployment (\`${ErrorCode.ServiceUnavailable}\`).`,
  })
  getWidgetScript(@Req() request: FastifyRequest, @Res({ passthrough: true }) response: FastifyReply): string | undefined {
    const source = this.script.source();
    response.headers(WIDGET_SCRIPT_HEADERS);
    return answeredFromClientCache(request, response, this.script.etag) ? undefined : source;
  }

  /** A demo page embedding the widget for the tenant whose widget key is given. */
  @Get('demo')
  @ApiOkResponse({ description: 'An HTML page with the widget embedded.', content: textBody('text/html') })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  getDemoPage(@Query() query: DemoPageQueryDto, @Res({ passthrough: true }) response: FastifyReply): string {
    response.headers(DEMO_PAGE_HEADERS);
    return renderDemoPage(query.key);
  }
}
