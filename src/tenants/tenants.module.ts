import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminTenantController } from './admin-tenant.controller';
import { AdminApiKey } from './entities/admin-api-key.entity';
import { Tenant } from './entities/tenant.entity';
import { AdminKeyGuard } from './guards/admin-key.guard';
import { PlatformTokenGuard } from './guards/platform-token.guard';
import { WidgetKeyGuard } from './guards/widget-key.guard';
import { PlatformTenantsController } from './platform-tenants.controller';
import { TenantsService } from './tenants.service';

@Module({
  imports: [TypeOrmModule.forFeature([Tenant, AdminApiKey])],
  controllers: [PlatformTenantsController, AdminTenantController],
  providers: [TenantsService, AdminKeyGuard, WidgetKeyGuard, PlatformTokenGuard],
  exports: [TenantsService, AdminKeyGuard, WidgetKeyGuard, PlatformTokenGuard],
})
export class TenantsModule {}
