import { InboundModule } from './inbound/inbound.module';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ChannelsModule } from './channels/channels.module';
import { ConversationsModule } from './conversations/conversations.module';
import { DatabaseModule } from './database/database.module';
import { HandoffModule } from './handoff/handoff.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { DeliveryModule } from './delivery/delivery.module';
import { DataProtectionModule } from './data-protection/data-protection.module';
import { RedisModule } from './redis/redis.module';
import { TenantsModule } from './tenants/tenants.module';
import { WidgetAssetsModule } from './widget-assets/widget-assets.module';
import { AdminConsoleModule } from './admin-console/admin-console.module';
import { MetricsModule } from './metrics/metrics.module';
import { ScheduleModule } from '@nestjs/schedule';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { HttpDrain } from './lifecycle/http-drain';

/** The whole service; `config.role` decides elsewhere whether it serves HTTP, runs workers, or both. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        RedisModule,
        DatabaseModule,
        HealthModule,
        TenantsModule,
        ConversationsModule,
        HandoffModule,
        DeliveryModule,
        DataProtectionModule,
        InboundModule,
        ChannelsModule,
        WidgetAssetsModule,
        AdminConsoleModule,
        MetricsModule,
        ScheduleModule.forRoot(),
        EventEmitterModule.forRoot(),
      ],
      providers: [HttpDrain],
    };
  }
}
