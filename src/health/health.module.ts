import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { DeliveryModule } from '../delivery/delivery.module';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), DeliveryModule],
  controllers: [HealthController],
})
export class HealthModule {}
