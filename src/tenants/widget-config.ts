import type { FastifyReply } from 'fastify';
import { WidgetConfigDto } from './dto/widget-config.dto';
import { isHandoffAvailable, TenantContext } from './tenant-context';

/** What the widget shows for this tenant. */
export function widgetConfigOf(tenant: TenantContext): WidgetConfigDto {
  return { handoff: { enabled: isHandoffAvailable(tenant) } };
}

/** Browsers and CDNs may keep a config briefly, per key and origin; set on success only (never on a 401 or 429). */
export function setWidgetConfigCaching(reply: FastifyReply): void {
  reply.header('Cache-Control', 'public, max-age=30, stale-while-revalidate=30');
  reply.header('Vary', 'X-Widget-Key, Origin');
}
