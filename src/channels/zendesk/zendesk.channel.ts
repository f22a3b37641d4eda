import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { ChannelConfig, DeliveryContext, DeliveryOutcome, HandoffPayload, RetryPolicy } from '../delivery-channel';
import { basicAuthorization, mayPassLater, sendHelpdeskRequest } from '../helpdesk-request';
import { HelpdeskAccount, HelpdeskTicketChannel } from '../helpdesk-ticket-channel';
import { WebhookTargetPolicy } from '../webhook-target/webhook-target-policy';
import { WebhookTransport } from '../webhook/webhook-transport';
import { zendeskOutcome, zendeskTicketRequest } from './zendesk-ticket';
import { zendeskInbound } from './zendesk-inbound';
import { ZendeskSettings } from './zendesk.settings';

/**
 * A Zendesk ticket per handoff, created through the Tickets API with the agent's API token.
 * Each request carries the delivery id as its Idempotency-Key, so retries never make a second ticket.
 */
@Injectable()
export class ZendeskChannel extends HelpdeskTicketChannel<ZendeskSettings> {
  readonly name = 'zendesk';
  readonly displayName = 'Zendesk';
  override readonly inbound = zendeskInbound;
  readonly settingsType = ZendeskSettings;
  /** 5 s doubled over 6 tries: about two and a half minutes, past a short outage or rate limit. */
  readonly retryPolicy: RetryPolicy = { attempts: 6, backoffBaseMs: 5_000, honoursRetryAfter: true, repeatsSafely: true };
  protected readonly account: HelpdeskAccount<ZendeskSettings> = { field: 'subdomain', hostSuffix: '.zendesk.com', ticketsPath: '/api/v2/tickets.json' };

  constructor(transport: WebhookTransport, policy: WebhookTargetPolicy, config: AppConfig) {
    super(transport, policy, config.helpdesks.zendeskApiBaseUrl);
  }

  async deliver(payload: HandoffPayload, config: ChannelConfig, { deliveryId }: DeliveryContext): Promise<DeliveryOutcome> {
    const settings = config as unknown as ZendeskSettings;
    return sendHelpdeskRequest(this.transport, {
      url: this.ticketsUrl(settings.subdomain),
      body: zendeskTicketRequest(payload, settings),
      headers: {
        Authorization: basicAuthorization(`${settings.agentEmail}/token`, settings.apiToken),
        'Idempotency-Key': deliveryId,
      },
      outcomeOf: (response) => zendeskOutcome(response, settings.subdomain),
      retryableFailure: mayPassLater,
    });
  }
}
