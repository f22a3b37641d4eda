import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { WidgetRateLimit } from '../rate-limit/rate-limit.decorators';
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
  @WidgetRateLimit()
  @ApiOkResponse({ type: WidgetConfigDto })
  getWidgetConfig(
    @CurrentTenant() tenant: TenantContext,
    @Res({ passthrough: true }) response: Response,
  ): WidgetConfigDto {
    // Once the key is cached, WidgetConfigFastPath answers the same way before this route runs.
    setWidgetConfigCaching(response);
    return widgetConfigOf(tenant);
  }
}
