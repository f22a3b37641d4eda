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
import { ChannelSettingsService } from './channel-settings/channel-settings.service';
import { ChannelTestService } from './channel-settings/channel-test.service';
import { DeliveriesRepository } from './deliveries.repository';
import { deliveryMetricProviders, DeliveryMetrics } from './delivery.metrics';
import { DeliveryService } from './delivery.service';
import { DeliverySweep } from './delivery.sweep';
import { DeliveryWorker } from './delivery.worker';
import { ChannelSetting } from './entities/channel-setting.entity';
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
    TypeOrmModule.forFeature([Delivery, DeliveryAttempt, ChannelSetting, FollowUpCursor, Handoff]),
    ...deliveryQueueImports,
    ChannelsModule,
    ConversationsModule,
    TenantsModule,
    RateLimitModule,
  ],
  controllers: [AdminHandoffChannelsController],
  providers: [
    { provide: SecretCipher, inject: [AppConfig], useFactory: (config: AppConfig) => new SecretCipher(config.encryptionKey) },
    ...deliveryMetricProviders,
    DeliveryMetrics,
    QueueDepthMetric,
    DeliveryQueue,
    DeliveriesRepository,
    DeliveryService,
    ChannelSettingsService,
    ChannelTestService,
    DeliveryPayloadBuilder,
    FollowUpCursorsRepository,
    FollowUpScheduler,
    DeliveryWorker,
    DeliverySweep,
  ],
  exports: [DeliveryService, ChannelSettingsService, ChannelTestService, DeliveryQueue, QueueDepthMetric],
})
export class DeliveryModule {}
