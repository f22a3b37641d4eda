import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import {
  ChannelConfig,
  DeliveryChannel,
  DeliveryContext,
  DeliveryOutcome,
  HandoffPayload,
  NEVER_RETRY,
} from '../delivery-channel';
import { fitNewestMessages } from '../transcript-fit';
import { WebhookTargetPolicy } from '../webhook-target/webhook-target-policy';
import { serializeWebhookPayload, WEBHOOK_EVENT } from './webhook-payload';
import { generateWebhookSecret, signWebhook } from './webhook-signature';
import { WebhookSettings } from './webhook.settings';
import { WebhookResponse, WebhookTransport, WebhookTransportError } from './webhook-transport';

export const SIGNING_SECRET = 'signingSecret';
export const MISSING_SECRET_PROBLEM = 'No signing secret: generate one before handoffs can be sent to the webhook.';

/**
 * The ticket webhook: a signed JSON POST to the tenant's URL, its body at most
 * WEBHOOK_MAX_BODY_BYTES. Never retried automatically (product rule): an admin redelivers by hand.
 */
@Injectable()
export class WebhookChannel extends DeliveryChannel<WebhookSettings> {
  readonly name = 'webhook';
  readonly displayName = 'Ticket webhook';
  readonly settingsType = WebhookSettings;
  override readonly generatedSecrets = [SIGNING_SECRET];
  readonly retryPolicy = NEVER_RETRY;
  override readonly tenantEndpoint = true;
  readonly transcriptBudgetBytes: number;

  constructor(
    private readonly transport: WebhookTransport,
    private readonly policy: WebhookTargetPolicy,
    config: AppConfig,
  ) {
    super();
    this.transcriptBudgetBytes = config.webhook.maxBodyBytes;
  }

  override async prepare(settings: WebhookSettings): Promise<WebhookSettings> {
    return { url: (await this.policy.vetUrl(settings.url)).url.href };
  }

  override problem(_settings: Partial<WebhookSettings>, set: ReadonlySet<string>): string | null {
    // Unsigned requests would teach receivers to accept forgeries, so none are ever sent.
    return set.has(SIGNING_SECRET) ? null : MISSING_SECRET_PROBLEM;
  }

  override generateSecret(): string {
    return generateWebhookSecret();
  }

  async deliver(payload: HandoffPayload, config: ChannelConfig, { deliveryId }: DeliveryContext): Promise<DeliveryOutcome> {
    const { url, signingSecret } = config as { url: string; signingSecret: string };
    const body = fitNewestMessages(payload, serializeWebhookPayload, (json) => Buffer.byteLength(json) <= this.transcriptBudgetBytes).rendering;
    const headers = {
      'X-Wilow-Event': WEBHOOK_EVENT,
      'X-Wilow-Delivery': deliveryId,
      ...signWebhook(signingSecret, body, deliveryId, Math.floor(Date.now() / 1000)),
    };
    try {
      return toOutcome(await this.transport.post(url, body, headers));
    } catch (error) {
      if (error instanceof WebhookTransportError) return { status: 'permanent_failure', ...error.failure };
      throw error;
    }
  }
}

function toOutcome(response: WebhookResponse): DeliveryOutcome {
  const peer = { responseStatus: response.status, responseBody: response.body };
  if (response.status >= 200 && response.status < 300) return { status: 'delivered', ...peer };
  return { status: 'permanent_failure', error: describeStatus(response.status), ...peer };
}

function describeStatus(status: number): string {
  if (status >= 300 && status < 400) return `answered ${status} (a redirect, not followed)`;
  return `answered ${status}`;
}
