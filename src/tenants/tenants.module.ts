import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { AdminTenantController } from './admin-tenant.controller';
import { AdminWidgetSettingsController } from './admin-widget-settings.controller';
import { AdminApiKey } from './entities/admin-api-key.entity';
import { Tenant } from './entities/tenant.entity';
import { AdminKeyGuard } from './guards/admin-key.guard';
import { PlatformTokenGuard } from './guards/platform-token.guard';
import { WidgetKeyGuard } from './guards/widget-key.guard';
import { PlatformTenantsController } from './platform-tenants.controller';
import { TenantsService } from './tenants.service';
import { WidgetConfigController } from './widget-config.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Tenant, AdminApiKey]), RateLimitModule],
  controllers: [PlatformTenantsController, AdminTenantController, AdminWidgetSettingsController, WidgetConfigController],
  providers: [TenantsService, AdminKeyGuard, WidgetKeyGuard, PlatformTokenGuard],
  exports: [TenantsService, AdminKeyGuard, WidgetKeyGuard, PlatformTokenGuard],
})
export class TenantsModule {}
