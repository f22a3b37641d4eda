import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationsModule } from '../conversations/conversations.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { TenantsModule } from '../tenants/tenants.module';
import { AdminHandoffSettingsController } from './admin-handoff-settings.controller';
import { AdminHandoffsController } from './admin-handoffs.controller';
import { Handoff } from './entities/handoff.entity';
import { DeliveryChannelGuard } from './guards/delivery-channel.guard';
import { HandoffEnabledGuard } from './guards/handoff-enabled.guard';
import { HandoffSettingsService } from './handoff-settings.service';
import { HandoffsService } from './handoffs.service';
import { WidgetHandoffController } from './widget-handoff.controller';

/** Handoffs: the widget's "Contact a human", the admin Handoffs API and the first settings API. Delivery schedules and sends. */
@Module({
  imports: [TypeOrmModule.forFeature([Handoff]), TenantsModule, ConversationsModule, DeliveryModule, RateLimitModule],
  controllers: [AdminHandoffSettingsController, AdminHandoffsController, WidgetHandoffController],
  providers: [HandoffSettingsService, HandoffsService, HandoffEnabledGuard, DeliveryChannelGuard],
})
export class HandoffModule {}
