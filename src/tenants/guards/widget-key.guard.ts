import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { unauthorized } from '../../common/errors/app-error';
import { TenantsService } from '../tenants.service';
import { TenantRequest } from './tenant-request';

export const WIDGET_KEY_HEADER = 'x-widget-key';

/** Widget API: the public `X-Widget-Key` identifies the tenant whose site embeds the widget. */
@Injectable()
export class WidgetKeyGuard implements CanActivate {
  constructor(private readonly tenants: TenantsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<TenantRequest>();
    const key = request.headers[WIDGET_KEY_HEADER];
    const tenant = typeof key === 'string' && key.length <= 64 ? await this.tenants.findByWidgetKey(key) : null;
    if (!tenant) throw unauthorized('A valid widget key is required (X-Widget-Key header).');
    request.tenant = tenant;
    return true;
  }
}
