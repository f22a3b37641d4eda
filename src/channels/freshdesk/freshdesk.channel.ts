import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { ChannelConfig, DeliveryOutcome, HandoffPayload, RetryPolicy } from '../delivery-channel';
import { basicAuthorization, failedBeforeSending, sendHelpdeskRequest } from '../helpdesk-request';
import { HelpdeskAccount, HelpdeskTicketChannel } from '../helpdesk-ticket-channel';
import { WebhookTargetPolicy } from '../webhook-target/webhook-target-policy';
import { WebhookTransport } from '../webhook/webhook-transport';
import { freshdeskOutcome, freshdeskTicketRequest } from './freshdesk-ticket';
import { freshdeskInbound } from './freshdesk-inbound';
import { FreshdeskSettings } from './freshdesk.settings';

/** Freshdesk's Basic auth takes the API key as the user name and any password. */
const UNUSED_PASSWORD = 'X';

/**
 * A Freshdesk ticket per handoff, created through the Tickets API with an agent's API key.
 * Retried only when the request surely was not processed (see freshdeskOutcome).
 */
@Injectable()
export class FreshdeskChannel extends HelpdeskTicketChannel<FreshdeskSettings> {
  readonly name = 'freshdesk';
  readonly displayName = 'Freshdesk';
  override readonly inbound = freshdeskInbound;
  readonly settingsType = FreshdeskSettings;
  readonly retryPolicy: RetryPolicy = { attempts: 5, backoffBaseMs: 5_000, honoursRetryAfter: true, repeatsSafely: false };
  protected readonly account: HelpdeskAccount<FreshdeskSettings> = { field: 'domain', hostSuffix: '.freshdesk.com', ticketsPath: '/api/v2/tickets' };

  constructor(transport: WebhookTransport, policy: WebhookTargetPolicy, config: AppConfig) {
    super(transport, policy, config.helpdesks.freshdeskApiBaseUrl);
  }

  async deliver(payload: HandoffPayload, config: ChannelConfig): Promise<DeliveryOutcome> {
    const settings = config as unknown as FreshdeskSettings;
    return sendHelpdeskRequest(this.transport, {
      url: this.ticketsUrl(settings.domain),
      body: freshdeskTicketRequest(payload, settings),
      headers: { Authorization: basicAuthorization(settings.apiKey, UNUSED_PASSWORD) },
      outcomeOf: (response) => freshdeskOutcome(response, settings.domain),
      retryableFailure: failedBeforeSending,
    });
  }
}
