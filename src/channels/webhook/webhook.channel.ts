import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import {
  ChannelConfig,
  DeliveryChannel,
  DeliveryContext,
  DeliveryOutcome,
  DeliveryTopic,
  ErasurePayload,
  ErasureSupport,
  FollowUpPayload,
  FollowUpSupport,
  HandoffPayload,
  NEVER_RETRY,
  previousSecretOf,
  ResolutionPayload,
} from '../delivery-channel';
import { fitNewestMessages } from '../transcript-fit';
import { WebhookTargetPolicy } from '../webhook-target/webhook-target-policy';
import { serializeErasedEvent, serializeMessageEvent, serializeResolvedEvent, serializeWebhookPayload, WEBHOOK_EVENTS, WebhookEvent } from './webhook-payload';
import { WEBHOOK_EVENT_CATALOGUE } from './webhook-events';
import { generateWebhookSecret, signWebhook } from './webhook-signature';
import { WebhookSettings } from './webhook.settings';
import { WebhookResponse, WebhookTransport, WebhookTransportError } from './webhook-transport';

export const SIGNING_SECRET = 'signingSecret';
export const MISSING_SECRET_PROBLEM = 'No signing secret: generate one before handoffs can be sent to the webhook.';

/**
 * The ticket webhook: a signed JSON POST to the tenant's URL per event (the handoff, each message
 * added while it is open, its resolution), the handoff's body at most WEBHOOK_MAX_BODY_BYTES.
 * Never retried automatically (product rule): an admin redelivers by hand.
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
  override readonly events = WEBHOOK_EVENT_CATALOGUE;

  constructor(
    private readonly transport: WebhookTransport,
    private readonly policy: WebhookTargetPolicy,
    config: AppConfig,
  ) {
    super();
    this.transcriptBudgetBytes = config.webhook.maxBodyBytes;
  }

  override async prepare(settings: WebhookSettings): Promise<WebhookSettings> {
    return { url: (await this.policy.vetUrl(settings.url)).url.href, events: settings.events ?? null };
  }

  /** `events` null (or never set): every event, present and future; else only those listed. */
  override takes(topic: DeliveryTopic, settings: Partial<WebhookSettings>): boolean {
    const name = this.events.find((event) => event.topic === topic)?.name;
    return !Array.isArray(settings.events) || name === undefined || settings.events.includes(name);
  }

  override problem(_settings: Partial<WebhookSettings>, set: ReadonlySet<string>): string | null {
    // Unsigned requests would teach receivers to accept forgeries, so none are ever sent.
    return set.has(SIGNING_SECRET) ? null : MISSING_SECRET_PROBLEM;
  }

  override generateSecret(): string {
    return generateWebhookSecret();
  }

  deliver(payload: HandoffPayload, config: ChannelConfig, context: DeliveryContext): Promise<DeliveryOutcome> {
    const body = fitNewestMessages(payload, serializeWebhookPayload, (json) => Buffer.byteLength(json) <= this.transcriptBudgetBytes).rendering;
    return this.send(WEBHOOK_EVENTS.created, body, config, context);
  }

  /** One `handoff.message` per message, so a receiver can answer for each one. */
  override readonly followUps: FollowUpSupport = {};

  override deliverFollowUp({ handoff, messages }: FollowUpPayload, config: ChannelConfig, context: DeliveryContext): Promise<DeliveryOutcome> {
    if (messages.length !== 1) return Promise.reject(new Error(`A handoff.message webhook carries one message, not ${messages.length}`));
    return this.send(WEBHOOK_EVENTS.message, serializeMessageEvent(handoff, messages[0]), config, context);
  }

  override readonly announcesResolution = true;

  override deliverResolution(payload: ResolutionPayload, config: ChannelConfig, context: DeliveryContext): Promise<DeliveryOutcome> {
    return this.send(WEBHOOK_EVENTS.resolved, serializeResolvedEvent(payload), config, context);
  }

  /** The receiver is told of an erasure (`handoff.erased`) and erases its copy; under the webhook's usual rule. */
  override erasure(): ErasureSupport {
    return { follows: true };
  }

  override deliverErasure(payload: ErasurePayload, config: ChannelConfig, context: DeliveryContext): Promise<DeliveryOutcome> {
    return this.send(WEBHOOK_EVENTS.erased, serializeErasedEvent(payload), config, context);
  }

  /**
   * Signs the body and POSTs it, the same way for every event. `webhook-id` and `X-Wilow-Delivery`
   * are the delivery id, which receivers deduplicate on.
   */
  private async send(event: WebhookEvent, body: string, config: ChannelConfig, { deliveryId }: DeliveryContext): Promise<DeliveryOutcome> {
    const { url, signingSecret } = config as { url: string; signingSecret: string };
    const headers = { 'X-Wilow-Event': event, 'X-Wilow-Delivery': deliveryId };
    // Signed as the request leaves: during a rotation's overlap with the previous secret too, and never after it.
    const signedHeaders = () => signWebhook(signingSecret, body, deliveryId, Math.floor(Date.now() / 1000), previousSecretOf(config, SIGNING_SECRET));
    try {
      return toOutcome(await this.transport.post(url, body, headers, { signedHeaders }));
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
