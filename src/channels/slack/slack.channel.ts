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
  FollowUpMessage,
  FollowUpPayload,
  FollowUpSupport,
  HandoffPayload,
  RetryPolicy,
} from '../delivery-channel';
import { followUpText, inTurn, sendFollowUpOnce } from '../helpdesk-follow-up';
import { mayPassLater, sendHelpdeskRequest } from '../helpdesk-request';
import { normaliseHost, tryParseUrl } from '../webhook-target/webhook-host';
import { refusal, WebhookTargetPolicy } from '../webhook-target/webhook-target-policy';
import { WebhookTransport } from '../webhook/webhook-transport';
import { escapeMrkdwn, SLACK_MAX_BLOCKS, SLACK_MAX_SECTION_TEXT, slackMessage, slackOutcome } from './slack-message';
import { parseSlackMessageId, SlackWebApi } from './slack-web-api';
import { slackInbound } from './slack-inbound';
import { SlackSettings } from './slack.settings';

/** Where Slack's incoming webhooks live. */
export const SLACK_WEBHOOK_HOST = 'hooks.slack.com';

/** What an erasure in app mode leaves: the bot may delete only its own posts. */
export const SLACK_THREAD_REMAINS = "People's replies in the thread remain in Slack.";

/**
 * A message per handoff in a Slack channel, in one of two modes. Through an incoming webhook it
 * only posts. As a Slack app, its bot posts the handoff with `chat.postMessage`, replies in its
 * thread with what the conversation adds (each reply once: see sendFollowUpOnce), and deletes its
 * posts when the conversation is erased. Retried on rate limits and server errors: a rare
 * duplicate handoff message costs less than a lost handoff.
 */
@Injectable()
export class SlackChannel extends DeliveryChannel<SlackSettings> {
  readonly name = 'slack';
  readonly displayName = 'Slack';
  override readonly inbound = slackInbound;
  readonly settingsType = SlackSettings;
  readonly retryPolicy: RetryPolicy = { attempts: 5, backoffBaseMs: 5_000, honoursRetryAfter: true, repeatsSafely: true };
  override readonly tenantEndpoint = true;
  /** No more than a message's blocks can show, at their longest. */
  readonly transcriptBudgetBytes = SLACK_MAX_BLOCKS * SLACK_MAX_SECTION_TEXT;
  /** One thread reply per message, in app mode (see takes). */
  override readonly followUps: FollowUpSupport = {};
  private readonly apiBaseUrl: string;

  constructor(
    private readonly transport: WebhookTransport,
    private readonly policy: WebhookTargetPolicy,
    config: AppConfig,
  ) {
    super();
    this.apiBaseUrl = config.helpdesks.slackApiBaseUrl;
  }

  /**
   * A webhook URL must be Slack's, unless the operator allowlisted its host (a proxy, a test
   * peer); in app mode the Web API the bot will call must pass the address policy.
   */
  override async prepare(settings: SlackSettings): Promise<SlackSettings> {
    if (settings.channelId !== undefined || settings.botToken !== undefined) {
      await this.policy.vetUrl(`${this.apiBaseUrl}/chat.postMessage`);
      return settings;
    }
    // A stored URL left out of the request is kept as it was vetted.
    if (settings.webhookUrl === undefined) return settings;
    // The host is checked before the address policy resolves it: a wrong host needs no DNS to refuse.
    const host = normaliseHost(tryParseUrl(settings.webhookUrl)?.hostname ?? '');
    if (host !== undefined && host !== SLACK_WEBHOOK_HOST && !this.policy.isHostAllowlisted(host)) {
      throw refusal(`Slack webhook URL must be an incoming webhook on ${SLACK_WEBHOOK_HOST} (https://${SLACK_WEBHOOK_HOST}/services/...), not on ${host}.`);
    }
    return { ...settings, webhookUrl: (await this.policy.vetUrl(settings.webhookUrl)).url.href };
  }

  /** An incoming webhook takes the handoff alone; a Slack app takes what follows it in the thread. */
  override takes(topic: DeliveryTopic, settings: Record<string, unknown>): boolean {
    return topic !== 'follow_up' || inAppMode(settings);
  }

  /** A Slack app deletes its own posts; an incoming webhook cannot delete what it posted. */
  override erasure(settings: Record<string, unknown>): ErasureSupport {
    if (inAppMode(settings)) return { follows: true };
    return { follows: false, note: 'A Slack incoming webhook cannot delete what it posted: the handoff message stays in the Slack channel.' };
  }

  async deliver(payload: HandoffPayload, config: ChannelConfig): Promise<DeliveryOutcome> {
    const settings = config as SlackSettings;
    if (inAppMode(config)) return this.webApi(settings).postMessage({ channel: settings.channelId!, ...slackMessage(payload) });
    return sendHelpdeskRequest(this.transport, {
      url: settings.webhookUrl!,
      body: slackMessage(payload),
      headers: {},
      outcomeOf: slackOutcome,
      retryableFailure: mayPassLater,
    });
  }

  /** One message as a reply in the handoff's thread, saying who spoke, with the delivery's marker. */
  override async deliverFollowUp({ handoff, messages }: FollowUpPayload, config: ChannelConfig, { deliveryId, attempt = 1 }: DeliveryContext): Promise<DeliveryOutcome> {
    const thread = parseSlackMessageId(handoff.externalId);
    if (!thread) return { status: 'permanent_failure', error: 'The handoff made no Slack app post to reply to.' };
    const api = this.webApi(config as SlackSettings);
    const [message] = messages;
    return sendFollowUpOnce(this.transport, {
      ...api.postMessageRequest({ channel: thread.channel, text: threadReplyText(message, deliveryId), thread_ts: thread.ts }),
      creates: 'thread reply',
      retried: attempt > 1,
      findMarked: () => api.findMarkedReply(thread, deliveryId),
    });
  }

  /** Deletes the replies the bot made in the handoff's thread, then the handoff post; people's replies stay. */
  override async deliverErasure({ handoff, followUpExternalIds }: ErasurePayload, config: ChannelConfig): Promise<DeliveryOutcome> {
    const api = this.webApi(config as SlackSettings);
    const posts = [...followUpExternalIds, handoff.externalId].map(parseSlackMessageId).filter((post) => post !== undefined);
    const deleted = await inTurn(posts.map((post) => () => api.deleteMessage(post)));
    return deleted.status === 'delivered' ? { ...deleted, remains: SLACK_THREAD_REMAINS } : deleted;
  }

  private webApi(settings: SlackSettings): SlackWebApi {
    return new SlackWebApi(this.transport, this.apiBaseUrl, settings.botToken!);
  }
}

/** App mode's settings name the channel the bot posts in; webhook mode's have no plain field. */
function inAppMode(settings: Record<string, unknown>): boolean {
  return typeof settings.channelId === 'string';
}

/** A follow-up as a thread reply: mrkdwn escaped so no text becomes a mention or a link. */
function threadReplyText(message: FollowUpMessage, deliveryId: string): string {
  const escaped = { ...message, content: escapeMrkdwn(message.content), author: message.author && { name: escapeMrkdwn(message.author.name) } };
  return followUpText(escaped, deliveryId, { bySpeaker: false });
}
