import { Injectable } from '@nestjs/common';
import { ChannelConfig, DeliveryChannel, DeliveryOutcome, ErasureSupport, HandoffPayload, RetryPolicy } from '../delivery-channel';
import { mayPassLater, sendHelpdeskRequest } from '../helpdesk-request';
import { normaliseHost, tryParseUrl } from '../webhook-target/webhook-host';
import { refusal, WebhookTargetPolicy } from '../webhook-target/webhook-target-policy';
import { WebhookTransport } from '../webhook/webhook-transport';
import { SLACK_MAX_BLOCKS, SLACK_MAX_SECTION_TEXT, slackMessage, slackOutcome } from './slack-message';
import { SlackSettings } from './slack.settings';

/** Where Slack's incoming webhooks live. */
export const SLACK_WEBHOOK_HOST = 'hooks.slack.com';

/**
 * A message per handoff in a Slack channel, through an incoming webhook. Retried on rate limits
 * and server errors: a rare duplicate message costs less than a lost handoff.
 */
@Injectable()
export class SlackChannel extends DeliveryChannel<SlackSettings> {
  readonly name = 'slack';
  readonly displayName = 'Slack';
  readonly settingsType = SlackSettings;
  readonly retryPolicy: RetryPolicy = { attempts: 5, backoffBaseMs: 5_000, honoursRetryAfter: true, repeatsSafely: true };
  override readonly tenantEndpoint = true;
  /** No more than a message's blocks can show, at their longest. */
  readonly transcriptBudgetBytes = SLACK_MAX_BLOCKS * SLACK_MAX_SECTION_TEXT;

  constructor(
    private readonly transport: WebhookTransport,
    private readonly policy: WebhookTargetPolicy,
  ) {
    super();
  }

  /** The URL must be Slack's, unless the operator allowlisted its host (a proxy, a test peer). */
  override async prepare(settings: SlackSettings): Promise<SlackSettings> {
    // A stored URL left out of the request is kept as it was vetted.
    if (settings.webhookUrl === undefined) return settings;
    // The host is checked before the address policy resolves it: a wrong host needs no DNS to refuse.
    const host = normaliseHost(tryParseUrl(settings.webhookUrl)?.hostname ?? '');
    if (host !== undefined && host !== SLACK_WEBHOOK_HOST && !this.policy.isHostAllowlisted(host)) {
      throw refusal(`Slack webhook URL must be an incoming webhook on ${SLACK_WEBHOOK_HOST} (https://${SLACK_WEBHOOK_HOST}/services/...), not on ${host}.`);
    }
    return { ...settings, webhookUrl: (await this.policy.vetUrl(settings.webhookUrl)).url.href };
  }

  /** An incoming webhook only posts: it can neither delete its message nor take follow-ups. */
  override erasure(): ErasureSupport {
    return { follows: false, note: 'A Slack incoming webhook cannot delete what it posted: the handoff message stays in the Slack channel.' };
  }

  async deliver(payload: HandoffPayload, config: ChannelConfig): Promise<DeliveryOutcome> {
    const { webhookUrl } = config as { webhookUrl: string };
    return sendHelpdeskRequest(this.transport, {
      url: webhookUrl,
      body: slackMessage(payload),
      headers: {},
      outcomeOf: slackOutcome,
      retryableFailure: mayPassLater,
    });
  }
}
