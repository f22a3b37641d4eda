import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { unauthorized } from '../../common/errors/app-error';
import { TenantsService } from '../tenants.service';
import { bearerToken } from './bearer-token';
import { TenantRequest } from './tenant-request';

/** Admin API: `Authorization: Bearer <admin API key>` turns the request into "this tenant". */
@Injectable()
export class AdminKeyGuard implements CanActivate {
  constructor(private readonly tenants: TenantsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<TenantRequest>();
    const key = bearerToken(request);
    const tenant = key ? await this.tenants.findByAdminKey(key) : null;
    if (!tenant) throw unauthorized('A valid admin API key is required (Authorization: Bearer <key>).');
    request.tenant = tenant;
    return true;
  }
}
