import type { FastifyReply, FastifyRequest } from 'fastify';
import { answeredFromClientCache, etagOf } from '../common/http/freshness';
import { WidgetConfigDto } from './dto/widget-config.dto';
import { isHandoffAvailable, TenantContext } from './tenant-context';

/** What the widget shows for this tenant. */
export function widgetConfigOf(tenant: TenantContext): WidgetConfigDto {
  return { handoff: { enabled: isHandoffAvailable(tenant) } };
}

/**
 * Browsers and CDNs may keep a config briefly, per key and origin, and revalidate it (304); set
 * on success only (never on a 401 or 429). True when the client's copy is current: no body then.
 */
export function cacheWidgetConfig(request: FastifyRequest, reply: FastifyReply, config: WidgetConfigDto): boolean {
  reply.header('Cache-Control', 'public, max-age=30, stale-while-revalidate=30');
  reply.header('Vary', 'X-Widget-Key, Origin');
  return answeredFromClientCache(request, reply, etagOf(JSON.stringify(config)));
}
