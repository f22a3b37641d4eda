import { Module, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MailerModule } from '@nestjs-modules/mailer';
import { AppConfig } from '../config/app-config';
import { ChannelRegistry } from './channel-registry';
import { DeliveryChannel } from './delivery-channel';
import { EmailChannel } from './email/email.channel';
import { mailerOptions } from './email/mailer-options';
import { FreshdeskChannel } from './freshdesk/freshdesk.channel';
import { SlackChannel } from './slack/slack.channel';
import { SlackUserNames } from './slack/slack-user-names';
import { WebhookChannel } from './webhook/webhook.channel';
import { ZendeskChannel } from './zendesk/zendesk.channel';
import { webhookProviders } from './webhook/webhook.providers';
import { WebhookTargetPolicy } from './webhook-target/webhook-target-policy';

/** The channels handoffs are delivered through: one line per channel. */
const CHANNELS: Type<DeliveryChannel>[] = [
  EmailChannel,
  WebhookChannel,
  ZendeskChannel,
  FreshdeskChannel,
  SlackChannel,
];

/**
 * The delivery channels. Exports ChannelRegistry (every channel, by name), WebhookTargetPolicy
 * (the outbound address policy) and SlackUserNames (who answered in a Slack thread). Needs AppConfig, provided globally by ConfigModule.
 */
@Module({
  imports: [DiscoveryModule, MailerModule.forRootAsync({ inject: [AppConfig], useFactory: mailerOptions })],
  providers: [...webhookProviders, ...CHANNELS, ChannelRegistry, SlackUserNames],
  exports: [ChannelRegistry, WebhookTargetPolicy, SlackUserNames],
})
export class ChannelsModule {}
