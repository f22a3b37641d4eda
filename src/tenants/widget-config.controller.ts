import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { answeredFromClientCache, etagOf } from '../common/http/freshness';
import { WidgetIpRateLimit } from '../rate-limit/rate-limit.decorators';
import { WidgetConfigDto } from './dto/widget-config.dto';
import { WidgetAuth } from './guards/auth.decorators';
import { CurrentTenant } from './guards/tenant-request';
import { TenantContext } from './tenant-context';
import { setWidgetConfigCaching, widgetConfigOf } from './widget-config';

@ApiTags('Widget')
@Controller('v1/widget/config')
export class WidgetConfigController {
  /**
   * What the widget shows. Called on every page view of every customer site, so it is answered
   * from memory (the widget-key cache) and may be cached briefly by browsers and CDNs per key.
   */
  @Get()
  @WidgetAuth()
  @WidgetIpRateLimit()
  @ApiOkResponse({ type: WidgetConfigDto })
  getWidgetConfig(
    @CurrentTenant() tenant: TenantContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) response: FastifyReply,
  ): WidgetConfigDto | undefined {
    const config = widgetConfigOf(tenant);
    setWidgetConfigCaching(response);
    return answeredFromClientCache(request, response, etagOf(JSON.stringify(config))) ? undefined : config;
  }
}
