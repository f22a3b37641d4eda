import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DELIVERY_QUEUE } from './delivery-queue';

/** Bull on Redis: the queues background work moves through. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ url: config.redis.url, prefix: config.redis.prefix }),
    }),
    BullModule.registerQueue({ name: DELIVERY_QUEUE }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
