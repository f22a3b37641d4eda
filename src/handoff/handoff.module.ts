import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelsModule } from '../channels/channels.module';
import { SecretCipher } from '../common/crypto/secret-cipher';
import { AppConfig } from '../config/app-config';
import { ConversationsModule } from '../conversations/conversations.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { TenantsModule } from '../tenants/tenants.module';
import { AdminHandoffSettingsController } from './admin-handoff-settings.controller';
import { AdminHandoffsController } from './admin-handoffs.controller';
import { DeliveryAttempt } from './entities/delivery-attempt.entity';
import { Delivery } from './entities/delivery.entity';
import { HandoffSettings } from './entities/handoff-settings.entity';
import { Handoff } from './entities/handoff.entity';
import { DeliveryChannelGuard } from './guards/delivery-channel.guard';
import { HandoffEnabledGuard } from './guards/handoff-enabled.guard';
import { HandoffSettingsService } from './handoff-settings.service';
import { HandoffsService } from './handoffs.service';
import { WidgetHandoffController } from './widget-handoff.controller';
import { QueueModule } from '../queue/queue.module';
import { DeliveriesService } from './delivery/deliveries.service';
import { DeliverySweep } from './delivery/delivery.sweep';
import { DeliveryWorker } from './delivery/delivery.worker';
import { HandoffPayloadBuilder } from './delivery/handoff-payload.builder';
import { HandoffTestService } from './delivery/handoff-test.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([HandoffSettings, Handoff, Delivery, DeliveryAttempt]),
    TenantsModule,
    ConversationsModule,
    ChannelsModule,
    RateLimitModule,
    QueueModule,
  ],
  controllers: [AdminHandoffSettingsController, AdminHandoffsController, WidgetHandoffController],
  providers: [
    HandoffSettingsService,
    HandoffsService,
    HandoffEnabledGuard,
    DeliveryChannelGuard,
    DeliveriesService,
    HandoffPayloadBuilder,
    DeliveryWorker,
    DeliverySweep,
    HandoffTestService,
    { provide: SecretCipher, inject: [AppConfig], useFactory: (config: AppConfig) => new SecretCipher(config.encryptionKey) },
  ],
})
export class HandoffModule {}
