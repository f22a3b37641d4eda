import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationsModule } from '../conversations/conversations.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { TenantsModule } from '../tenants/tenants.module';
import { AdminDeliveriesController } from './admin-deliveries.controller';
import { AdminHandoffSettingsController } from './admin-handoff-settings.controller';
import { AdminRepliesController } from './admin-replies.controller';
import { handoffMetricProviders, HandoffMetrics } from './handoff.metrics';
import { HandoffsRepository } from './handoffs.repository';
import { RepliesService } from './replies.service';
import { AdminHandoffsController } from './admin-handoffs.controller';
import { Handoff } from './entities/handoff.entity';
import { DeliveryChannelGuard } from './guards/delivery-channel.guard';
import { HandoffEnabledGuard } from './guards/handoff-enabled.guard';
import { HandoffSettingsService } from './handoff-settings.service';
import { HandoffsService } from './handoffs.service';
import { WidgetHandoffController } from './widget-handoff.controller';

/**
 * Handoffs and the conversation that goes on after them: the widget's "Contact a human", who is
 * talking (the mode), agents' replies, the admin Handoffs API and the first settings API.
 * Delivery schedules and sends.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Handoff]), TenantsModule, ConversationsModule, DeliveryModule, RateLimitModule],
  controllers: [AdminHandoffSettingsController, AdminHandoffsController, AdminRepliesController, AdminDeliveriesController, WidgetHandoffController],
  providers: [
    HandoffSettingsService,
    HandoffsRepository,
    HandoffsService,
    RepliesService,
    ...handoffMetricProviders,
    HandoffMetrics,
    HandoffEnabledGuard,
    DeliveryChannelGuard,
  ],
  exports: [RepliesService, HandoffsService],
})
export class HandoffModule {}
