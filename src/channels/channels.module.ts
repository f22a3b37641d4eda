import { Module, Type } from '@nestjs/common';
import { MailerModule } from '@nestjs-modules/mailer';
import { AppConfig } from '../config/app-config';
import { ChannelRegistry, DELIVERY_CHANNELS } from './channel-registry';
import { DeliveryChannel } from './delivery-channel';
import { EmailChannel } from './email/email.channel';
import { mailerOptions } from './email/mailer-options';
import { WebhookChannel } from './webhook/webhook.channel';
import { webhookProviders } from './webhook/webhook.providers';
import { WebhookTargetPolicy } from './webhook-target/webhook-target-policy';

/** Adding a delivery channel: write the DeliveryChannel subclass, add it here. */
const CHANNELS: Type<DeliveryChannel>[] = [EmailChannel, WebhookChannel];

/**
 * The delivery channels. Exports ChannelRegistry (every channel, by name, or those a tenant
 * configured) and WebhookTargetPolicy (to vet a webhook URL when an admin saves it).
 * Needs AppConfig, provided globally by ConfigModule.
 */
@Module({
  imports: [MailerModule.forRootAsync({ inject: [AppConfig], useFactory: mailerOptions })],
  providers: [
    ...webhookProviders,
    ...CHANNELS,
    {
      provide: DELIVERY_CHANNELS,
      inject: CHANNELS,
      useFactory: (...channels: DeliveryChannel[]) => channels,
    },
    ChannelRegistry,
  ],
  exports: [ChannelRegistry, WebhookTargetPolicy],
})
export class ChannelsModule {}
