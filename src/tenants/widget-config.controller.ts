import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { WidgetRateLimit } from '../rate-limit/rate-limit.decorators';
import { WidgetConfigDto } from './dto/widget-config.dto';
import { WidgetAuth } from './guards/auth.decorators';
import { CurrentTenant } from './guards/tenant-request';
import { isHandoffAvailable, TenantContext } from './tenant-context';

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
    // Set here, on success only: a 401 or 429 must never be cached as the config.
    response.setHeader('Cache-Control', 'public, max-age=30, stale-while-revalidate=30');
    response.setHeader('Vary', 'X-Widget-Key, Origin');
    return { handoff: { enabled: isHandoffAvailable(tenant) } };
  }
}
