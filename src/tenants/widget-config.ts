import type { Response } from 'express';
import { WidgetConfigDto } from './dto/widget-config.dto';
import { isHandoffAvailable, TenantContext } from './tenant-context';

export const WIDGET_CONFIG_PATH = '/v1/widget/config';

/** What the widget shows for this tenant. */
export function widgetConfigOf(tenant: TenantContext): WidgetConfigDto {
  return { handoff: { enabled: isHandoffAvailable(tenant) } };
}

/** Browsers and CDNs may keep a config briefly, per key and origin; set on success only (never on a 401 or 429). */
export function setWidgetConfigCaching(response: Response): void {
  response.setHeader('Cache-Control', 'public, max-age=30, stale-while-revalidate=30');
  response.setHeader('Vary', 'X-Widget-Key, Origin');
}
