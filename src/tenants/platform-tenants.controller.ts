import { Body, Controller, Delete, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { PlatformAuth } from './guards/auth.decorators';
import { CreatedAdminApiKeyDto, CreatedTenantDto, CreateTenantDto, TenantDto, toTenantDto, UpdateTenantDto } from './dto/tenant.dto';
import { TenantsService } from './tenants.service';

/** Wilow's operators: tenants, their entitlements and their admin keys. */
@ApiTags('Platform')
@PlatformAuth()
@Controller('v1/platform/tenants')
export class PlatformTenantsController {
  constructor(private readonly tenants: TenantsService) {}

  /** Creates a tenant with its widget key and a first admin API key (shown once). */
  @Post()
  @ApiCreatedResponse({ type: CreatedTenantDto })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  async createTenant(@Body() body: CreateTenantDto): Promise<CreatedTenantDto> {
    const { tenant, adminApiKey } = await this.tenants.create(body.name, body.handoffEntitled);
    return { ...toTenantDto(tenant), adminApiKey };
  }

  /** Sets the tenant's handoff entitlement; it takes effect at once on every process. */
  @Patch(':id')
  @ApiOkResponse({ type: TenantDto })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  async updateTenant(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateTenantDto): Promise<TenantDto> {
    return toTenantDto(await this.tenants.setHandoffEntitlement(id, body.handoffEntitled));
  }

  /** Issues another admin API key for the tenant (shown once), e.g. to rotate keys. */
  @Post(':id/admin-keys')
  @ApiCreatedResponse({ type: CreatedAdminApiKeyDto })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  async createAdminApiKey(@Param('id', ParseUUIDPipe) id: string): Promise<CreatedAdminApiKeyDto> {
    const { id: keyId, key } = await this.tenants.issueAdminKey(id);
    return { id: keyId, adminApiKey: key };
  }

  /** Revokes an admin API key: it stops working at once. */
  @Delete(':id/admin-keys/:keyId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Revoked.' })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  async revokeAdminApiKey(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('keyId', ParseUUIDPipe) keyId: string,
  ): Promise<void> {
    await this.tenants.revokeAdminKey(id, keyId);
  }
}

