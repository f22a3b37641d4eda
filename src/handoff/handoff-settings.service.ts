import { HttpStatus, Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { ErrorCode } from '../common/errors/error-code';
import { ChannelSettingsService } from '../delivery/channel-settings/channel-settings.service';
import { TenantsService } from '../tenants/tenants.service';
import { HandoffSettingsDto, UpdateHandoffSettingsDto } from './dto/handoff-settings.dto';

/**
 * The workspace's handoff settings as the first API shaped them: the admin's toggle (on the
 * tenant, next to Wilow's entitlement), and the email and webhook channels, which are stored and
 * validated by the channels API like any other channel.
 */
@Injectable()
export class HandoffSettingsService {
  constructor(
    private readonly tenants: TenantsService,
    private readonly channels: ChannelSettingsService,
  ) {}

  async get(tenantId: string): Promise<HandoffSettingsDto> {
    const [tenant, email, webhook] = await Promise.all([
      this.tenants.getById(tenantId),
      this.channels.view(tenantId, 'email'),
      this.channels.view(tenantId, 'webhook'),
    ]);
    const [secret] = webhook.secrets;
    return {
      enabled: tenant.handoffEnabled,
      entitled: tenant.handoffEntitled,
      email: stringOrNull(email.settings.address),
      webhookUrl: stringOrNull(webhook.settings.url),
      webhookSecretSet: secret?.set ?? false,
      webhookSecretCreatedAt: secret?.createdAt ?? null,
    };
  }

  /**
   * Applies the fields present; null clears a channel (the webhook keeps its signing secret). The
   * webhook URL is vetted first, so nothing is saved if it is refused.
   */
  async update(tenantId: string, changes: UpdateHandoffSettingsDto): Promise<HandoffSettingsDto> {
    const tenant = await this.tenants.getById(tenantId);
    if (changes.enabled === true && !tenant.handoffEntitled) {
      throw new AppError(
        HttpStatus.FORBIDDEN,
        ErrorCode.HandoffNotEntitled,
        'Handoff is not included in your plan yet: contact Wilow to enable it.',
      );
    }
    if (changes.webhookUrl !== undefined) await this.setChannel(tenantId, 'webhook', changes.webhookUrl === null ? null : { url: changes.webhookUrl });
    if (changes.email !== undefined) await this.setChannel(tenantId, 'email', changes.email === null ? null : { address: changes.email });
    if (changes.enabled !== undefined) await this.tenants.setHandoffEnabled(tenantId, changes.enabled);
    return this.get(tenantId);
  }

  /** Changes only what this API names: the channel's other settings (the webhook's `events`) are kept. */
  private async setChannel(tenantId: string, channel: string, settings: object | null): Promise<void> {
    if (settings === null) return this.channels.clearSettings(tenantId, channel);
    const { settings: saved } = await this.channels.view(tenantId, channel);
    await this.channels.put(tenantId, channel, { ...saved, ...settings });
  }
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
