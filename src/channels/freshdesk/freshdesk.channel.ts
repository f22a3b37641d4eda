import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { ChannelConfig, DeliveryChannel, DeliveryOutcome, HandoffPayload, RetryPolicy } from '../delivery-channel';
import { accountName, apiBaseUrl, basicAuthorization, failedBeforeSending, sendHelpdeskRequest } from '../helpdesk-request';
import { MAX_TICKET_HTML_BYTES } from '../ticket-html';
import { WebhookTargetPolicy } from '../webhook-target/webhook-target-policy';
import { WebhookTransport } from '../webhook/webhook-transport';
import { freshdeskOutcome, freshdeskTicketRequest } from './freshdesk-ticket';
import { FreshdeskSettings } from './freshdesk.settings';

/** Freshdesk's Basic auth takes the API key as the user name and any password. */
const UNUSED_PASSWORD = 'X';

/**
 * A Freshdesk ticket per handoff, created through the Tickets API with an agent's API key.
 * Retried only when the request surely was not processed (see freshdeskOutcome).
 */
@Injectable()
export class FreshdeskChannel extends DeliveryChannel<FreshdeskSettings> {
  readonly name = 'freshdesk';
  readonly displayName = 'Freshdesk';
  readonly settingsType = FreshdeskSettings;
  readonly retryPolicy: RetryPolicy = { attempts: 5, backoffBaseMs: 5_000, honoursRetryAfter: true };
  override readonly tenantEndpoint = true;
  readonly transcriptBudgetBytes = MAX_TICKET_HTML_BYTES;
  private readonly apiBaseTemplate: string;

  constructor(
    private readonly transport: WebhookTransport,
    private readonly policy: WebhookTargetPolicy,
    config: AppConfig,
  ) {
    super();
    this.apiBaseTemplate = config.helpdesks.freshdeskApiBaseUrl;
  }

  override async prepare(settings: FreshdeskSettings): Promise<FreshdeskSettings> {
    const domain = accountName(settings.domain, 'domain', '.freshdesk.com');
    await this.policy.vetUrl(this.ticketsUrl(domain));
    return { ...settings, domain };
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

  private ticketsUrl(domain: string): string {
    return `${apiBaseUrl(this.apiBaseTemplate, 'domain', domain)}/api/v2/tickets`;
  }
}
