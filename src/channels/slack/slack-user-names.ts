import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { parseJsonBody } from '../helpdesk-request';
import { WebhookTransport, WebhookTransportError } from '../webhook/webhook-transport';

interface UsersInfoAnswer {
  ok?: boolean;
  error?: string;
  user?: { real_name?: string; profile?: { display_name?: string; real_name?: string } };
}

/**
 * The name a Slack user shows to others, from `users.info`
 * (https://api.slack.com/methods/users.info: bot token with `users:read`, argument `user`): the
 * profile's display name, else the real name. Through the webhook transport, so the address policy
 * and WEBHOOK_CA_FILE apply to SLACK_API_BASE_URL as to every outbound request.
 */
@Injectable()
export class SlackUserNames {
  private readonly logger = new Logger(SlackUserNames.name);

  constructor(
    private readonly transport: WebhookTransport,
    private readonly config: AppConfig,
  ) {}

  /** The user's name, or the user id itself when Slack cannot say (no token, an error, no name set). */
  async nameOf(userId: string, botToken: string | undefined): Promise<string> {
    if (!botToken) return userId;
    const url = `${this.config.helpdesks.slackApiBaseUrl}/users.info?user=${encodeURIComponent(userId)}`;
    try {
      const response = await this.transport.post(url, '{}', { Authorization: `Bearer ${botToken}` }, { maxResponseBytes: 64 * 1024 });
      const answer = parseJsonBody(response.body) as UsersInfoAnswer | undefined;
      if (!answer?.ok) this.logger.warn(`users.info answered ${response.status} ${answer?.error ?? ''}`.trim());
      const profile = answer?.user?.profile;
      return firstNonEmpty(profile?.display_name, profile?.real_name, answer?.user?.real_name) ?? userId;
    } catch (error) {
      if (!(error instanceof WebhookTransportError)) throw error;
      this.logger.warn(`users.info failed: ${error.reason}`);
      return userId;
    }
  }
}

function firstNonEmpty(...names: (string | undefined)[]): string | undefined {
  return names.map((name) => name?.trim()).find((name) => !!name);
}
