import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationsModule } from '../conversations/conversations.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { HandoffModule } from '../handoff/handoff.module';
import { TenantsModule } from '../tenants/tenants.module';
import { AdminErasuresController } from './admin-erasures.controller';
import { ErasureDestination } from './entities/erasure-destination.entity';
import { Erasure } from './entities/erasure.entity';
import { ErasuresRepository } from './erasures.repository';
import { ErasuresService } from './erasures.service';
import { retentionMetricProviders, RetentionJob } from './retention.job';

/** Data protection: erasing a conversation or a visitor's data everywhere it went, and retention. */
@Module({
  imports: [TypeOrmModule.forFeature([Erasure, ErasureDestination]), TenantsModule, ConversationsModule, HandoffModule, DeliveryModule],
  controllers: [AdminErasuresController],
  providers: [ErasuresRepository, ErasuresService, ...retentionMetricProviders, RetentionJob],
})
export class DataProtectionModule {}
