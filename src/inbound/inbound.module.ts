import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelsModule } from '../channels/channels.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { HandoffModule } from '../handoff/handoff.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { TenantsModule } from '../tenants/tenants.module';
import { AdminInboundController } from './admin-inbound.controller';
import { InboundEvent } from './entities/inbound-event.entity';
import { InboundAddressesModule } from './inbound-addresses.module';
import { InboundEventsRepository } from './inbound-events.repository';
import { InboundController } from './inbound.controller';
import { InboundService } from './inbound.service';
import { InboundSweep } from './inbound.sweep';

/**
 * Helpdesks answer too: the inbound addresses' requests become agents' answers (through the
 * handoff module's replies) and resolutions; their rotation is here, their display in the
 * channels API (delivery, through InboundAddressesModule).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([InboundEvent]),
    InboundAddressesModule,
    ChannelsModule,
    DeliveryModule,
    HandoffModule,
    TenantsModule,
    RateLimitModule,
  ],
  controllers: [InboundController, AdminInboundController],
  providers: [InboundEventsRepository, InboundService, InboundSweep],
})
export class InboundModule {}
