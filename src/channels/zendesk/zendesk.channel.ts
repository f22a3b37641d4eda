import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { ChannelConfig, DeliveryChannel, DeliveryContext, DeliveryOutcome, HandoffPayload, RetryPolicy } from '../delivery-channel';
import { accountName, apiBaseUrl, basicAuthorization, mayPassLater, sendHelpdeskRequest } from '../helpdesk-request';
import { MAX_TICKET_HTML_BYTES } from '../ticket-html';
import { WebhookTargetPolicy } from '../webhook-target/webhook-target-policy';
import { WebhookTransport } from '../webhook/webhook-transport';
import { zendeskOutcome, zendeskTicketRequest } from './zendesk-ticket';
import { ZendeskSettings } from './zendesk.settings';

/**
 * A Zendesk ticket per handoff, created through the Tickets API with the agent's API token.
 * Each request carries the delivery id as its Idempotency-Key, so retries never make a second ticket.
 */
@Injectable()
export class ZendeskChannel extends DeliveryChannel<ZendeskSettings> {
  readonly name = 'zendesk';
  readonly displayName = 'Zendesk';
  readonly settingsType = ZendeskSettings;
  /** 5 s doubled over 6 tries: about two and a half minutes, past a short outage or rate limit. */
  readonly retryPolicy: RetryPolicy = { attempts: 6, backoffBaseMs: 5_000, honoursRetryAfter: true };
  override readonly tenantEndpoint = true;
  readonly transcriptBudgetBytes = MAX_TICKET_HTML_BYTES;
  private readonly apiBaseTemplate: string;

  constructor(
    private readonly transport: WebhookTransport,
    private readonly policy: WebhookTargetPolicy,
    config: AppConfig,
  ) {
    super();
    this.apiBaseTemplate = config.helpdesks.zendeskApiBaseUrl;
  }

  override async prepare(settings: ZendeskSettings): Promise<ZendeskSettings> {
    const subdomain = accountName(settings.subdomain, 'subdomain', '.zendesk.com');
    await this.policy.vetUrl(this.ticketsUrl(subdomain));
    return { ...settings, subdomain };
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

  private ticketsUrl(subdomain: string): string {
    return `${apiBaseUrl(this.apiBaseTemplate, 'subdomain', subdomain)}/api/v2/tickets.json`;
  }
}
