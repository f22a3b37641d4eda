import { Injectable } from '@nestjs/common';
import {
  ChannelSettings,
  DeliveryChannel,
  DeliveryContext,
  DeliveryOutcome,
  HandoffPayload,
} from '../delivery-channel';
import { serializeWebhookPayload, WEBHOOK_EVENT } from './webhook-payload';
import { signWebhook } from './webhook-signature';
import { WebhookResponse, WebhookTransport, WebhookTransportError } from './webhook-transport';

export const MISSING_SECRET_ERROR = 'No signing secret: generate one in the handoff settings';

/**
 * The ticket webhook: a signed JSON POST to the tenant's URL. Every failure is permanent:
 * by product rule webhooks are not retried automatically, an admin redelivers by hand.
 */
@Injectable()
export class WebhookChannel extends DeliveryChannel {
  readonly name = 'webhook';
  override readonly tenantEndpoint = true;

  constructor(private readonly transport: WebhookTransport) {
    super();
  }

  isConfigured(settings: ChannelSettings): boolean {
    return !!settings.webhookUrl;
  }

  async deliver(
    payload: HandoffPayload,
    { webhookUrl, webhookSecret }: ChannelSettings,
    { deliveryId }: DeliveryContext,
  ): Promise<DeliveryOutcome> {
    if (!webhookUrl) return { status: 'permanent_failure', error: 'No webhook URL configured' };
    // Unsigned requests would teach receivers to accept forgeries, so none are ever sent.
    if (!webhookSecret) return { status: 'permanent_failure', error: MISSING_SECRET_ERROR };
    const body = serializeWebhookPayload(payload);
    const headers = {
      'X-Wilow-Event': WEBHOOK_EVENT,
      'X-Wilow-Delivery': deliveryId,
      ...signWebhook(webhookSecret, body, deliveryId, Math.floor(Date.now() / 1000)),
    };
    try {
      return toOutcome(await this.transport.post(webhookUrl, body, headers));
    } catch (error) {
      if (error instanceof WebhookTransportError) {
        return { status: 'permanent_failure', error: error.reason };
      }
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
  if (status >= 300 && status < 400) return `redirect (HTTP ${status}) not followed`;
  return `HTTP ${status}`;
}
