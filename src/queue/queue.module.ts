import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DELIVERY_QUEUE, JITTERED_EXPONENTIAL, jitteredExponentialDelay } from './delivery-jobs';
import { DeliveryQueue } from './delivery-queue';

/** Bull on Redis: the queue deliveries move through. Exports the typed producer and the queue. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ url: config.redis.url, prefix: config.redis.prefix }),
    }),
    BullModule.registerQueueAsync({
      name: DELIVERY_QUEUE,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        settings: {
          backoffStrategies: {
            [JITTERED_EXPONENTIAL]: (attemptsMade: number) => jitteredExponentialDelay(config.mail.retryBaseMs, attemptsMade),
          },
        },
      }),
    }),
  ],
  providers: [DeliveryQueue],
  exports: [BullModule, DeliveryQueue],
})
export class QueueModule {}
