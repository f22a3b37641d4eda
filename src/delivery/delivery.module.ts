import { InboundAddressesModule } from '../inbound/inbound-addresses.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelsModule } from '../channels/channels.module';
import { SecretCipher } from '../common/crypto/secret-cipher';
import { AppConfig } from '../config/app-config';
import { ConversationsModule } from '../conversations/conversations.module';
import { Handoff } from '../handoff/entities/handoff.entity';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { TenantsModule } from '../tenants/tenants.module';
import { AdminHandoffChannelsController } from './channel-settings/admin-handoff-channels.controller';
import { AdminHandoffEventsController } from './channel-settings/admin-handoff-events.controller';
import { ChannelSettingsService } from './channel-settings/channel-settings.service';
import { ChannelTestService } from './channel-settings/channel-test.service';
import { EventCatalogue } from './channel-settings/event-catalogue';
import { DeliveriesRepository } from './deliveries.repository';
import { deliveryMetricProviders, DeliveryMetrics } from './delivery.metrics';
import { DeliveryService } from './delivery.service';
import { DeliverySweep } from './delivery.sweep';
import { DeliveryWorker } from './delivery.worker';
import { ChannelSetting } from './entities/channel-setting.entity';
import { ChannelHealth } from './entities/channel-health.entity';
import { HeldRedelivery } from './entities/held-redelivery.entity';
import { AdminBulkRedeliveryController } from './bulk-redelivery/admin-bulk-redelivery.controller';
import { BulkRedelivery } from './bulk-redelivery/bulk-redelivery.service';
import { HeldRedeliveriesRepository } from './bulk-redelivery/held-redeliveries.repository';
import { ChannelHealthRepository } from './channel-health/channel-health.repository';
import { DeliveryAttempt } from './entities/delivery-attempt.entity';
import { Delivery } from './entities/delivery.entity';
import { DeliveryPayloadBuilder } from './delivery-payload.builder';
import { FollowUpCursorsRepository } from './follow-ups/follow-up-cursors.repository';
import { FollowUpScheduler } from './follow-ups/follow-up-scheduler';
import { FollowUpCursor } from './entities/follow-up-cursor.entity';
import { DeliveryQueue } from './queue/delivery-queue';
import { deliveryQueueImports } from './queue/queue-settings';
import { QueueDepthMetric } from './queue-depth.metric';

/**
 * Delivery: the deliveries and their attempts, each tenant's channel settings and the generic
 * channels API, the queue and its worker, the sweep, redelivery, per-tenant fairness and the
 * delivery metrics. The handoff module schedules through DeliveryService; the channels deliver.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Delivery, DeliveryAttempt, ChannelSetting, ChannelHealth, HeldRedelivery, FollowUpCursor, Handoff]),
    ...deliveryQueueImports,
    ChannelsModule,
    ConversationsModule,
    TenantsModule,
    RateLimitModule,
    InboundAddressesModule,
  ],
  controllers: [AdminHandoffChannelsController, AdminHandoffEventsController, AdminBulkRedeliveryController],
  providers: [
    { provide: SecretCipher, inject: [AppConfig], useFactory: (config: AppConfig) => new SecretCipher(config.encryptionKey) },
    ...deliveryMetricProviders,
    DeliveryMetrics,
    QueueDepthMetric,
    DeliveryQueue,
    DeliveriesRepository,
    ChannelHealthRepository,
    HeldRedeliveriesRepository,
    BulkRedelivery,
    DeliveryService,
    ChannelSettingsService,
    ChannelTestService,
    EventCatalogue,
    DeliveryPayloadBuilder,
    FollowUpCursorsRepository,
    FollowUpScheduler,
    DeliveryWorker,
    DeliverySweep,
  ],
  exports: [DeliveryService, ChannelSettingsService, ChannelTestService, DeliveryQueue, QueueDepthMetric],
})
export class DeliveryModule {}
