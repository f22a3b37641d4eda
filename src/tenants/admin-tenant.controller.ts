import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { TenantDto, toTenantDto } from './dto/tenant.dto';
import { AdminAuth } from './guards/auth.decorators';
import { CurrentTenant } from './guards/tenant-request';
import { TenantContext } from './tenant-context';
import { TenantsService } from './tenants.service';

@ApiTags('Admin')
@AdminAuth()
@Controller('v1/admin/tenant')
export class AdminTenantController {
  constructor(private readonly tenants: TenantsService) {}

  /** The workspace the admin key belongs to: its name, widget key and handoff entitlement. */
  @Get()
  @ApiOkResponse({ type: TenantDto })
  async getCurrentTenant(@CurrentTenant() tenant: TenantContext): Promise<TenantDto> {
    return toTenantDto(await this.tenants.getById(tenant.id));
  }
}
