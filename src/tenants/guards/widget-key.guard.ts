import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppError, unauthorized } from '../../common/errors/app-error';
import { ErrorCode } from '../../common/errors/error-code';
import { isOriginAllowed } from '../allowed-origins';
import { TenantContext } from '../tenant-context';
import { TenantsService } from '../tenants.service';
import { TenantRequest } from './tenant-request';

export const WIDGET_KEY_HEADER = 'x-widget-key';

/**
 * Widget API: the public `X-Widget-Key` identifies the tenant whose site embeds the widget, and
 * the tenant's allowed origins decide whether the page calling may use it. The tenant comes from
 * the in-process widget-key cache, so the origin check costs no query.
 */
@Injectable()
export class WidgetKeyGuard implements CanActivate {
  constructor(private readonly tenants: TenantsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<TenantRequest>();
    const key = request.headers[WIDGET_KEY_HEADER];
    const tenant = typeof key === 'string' && key.length <= 64 ? await this.tenants.findByWidgetKey(key) : null;
    if (!tenant) throw unauthorized('A valid widget key is required (X-Widget-Key header).');
    applyAllowedOrigins(request.headers.origin, context.switchToHttp().getResponse<FastifyReply>(), tenant);
    request.tenant = tenant;
    return true;
  }
}

/** The grant of the CORS hook, withdrawn from a refused origin. */
const CORS_GRANT_HEADERS = ['access-control-allow-origin', 'access-control-expose-headers'];

/**
 * The CORS hook granted every origin (`*`) before the tenant was known, with `Vary: Origin`;
 * with a list, the grant is narrowed to the listed origin, or withdrawn and the request refused.
 * Requests without `Origin` come from servers, not browsers, and are not affected.
 */
function applyAllowedOrigins(origin: string | undefined, reply: FastifyReply, tenant: TenantContext): void {
  if (origin === undefined || tenant.allowedOrigins.length === 0) return;
  if (!isOriginAllowed(origin, tenant.allowedOrigins)) {
    // Nest's CORS hook copies the grant onto the Node response as well (for answers ended
    // outside Fastify): it goes from both.
    for (const name of CORS_GRANT_HEADERS) {
      reply.removeHeader(name);
      reply.raw.removeHeader(name);
    }
    throw new AppError(
      HttpStatus.FORBIDDEN,
      ErrorCode.OriginNotAllowed,
      "This site may not use the widget key: its origin is not among the workspace's allowed origins.",
    );
  }
  reply.header('Access-Control-Allow-Origin', origin);
}
