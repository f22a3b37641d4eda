import { Body, Controller, Get, HttpStatus, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { toWidgetSettingsDto, UpdateWidgetSettingsDto, WidgetSettingsDto } from './dto/widget-settings.dto';
import { AdminAuth } from './guards/auth.decorators';
import { CurrentTenant } from './guards/tenant-request';
import { TenantContext } from './tenant-context';
import { TenantsService } from './tenants.service';

@ApiTags('Admin: widget settings')
@AdminAuth()
@Controller('v1/admin/widget/settings')
export class AdminWidgetSettingsController {
  constructor(private readonly tenants: TenantsService) {}

  /** The sites allowed to use the workspace's widget key. */
  @Get()
  @ApiOkResponse({ type: WidgetSettingsDto })
  async getWidgetSettings(@CurrentTenant() tenant: TenantContext): Promise<WidgetSettingsDto> {
    return toWidgetSettingsDto(await this.tenants.getById(tenant.id));
  }

  /** Changes the fields given; the change reaches every API process at once. */
  @Patch()
  @ApiOkResponse({ type: WidgetSettingsDto })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  async updateWidgetSettings(
    @CurrentTenant() tenant: TenantContext,
    @Body() body: UpdateWidgetSettingsDto,
  ): Promise<WidgetSettingsDto> {
    return toWidgetSettingsDto(await this.tenants.updateWidgetSettings(tenant.id, body));
  }
}
