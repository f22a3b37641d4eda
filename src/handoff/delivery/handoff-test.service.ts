import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ChannelRegistry } from '../../channels/channel-registry';
import { HandoffPayload } from '../../channels/delivery-channel';
import { AppError } from '../../common/errors/app-error';
import { ErrorCode } from '../../common/errors/error-code';
import { AppConfig } from '../../config/app-config';
import { TenantContext } from '../../tenants/tenant-context';
import { ChannelTestResultDto } from '../dto/handoff-settings.dto';
import { HandoffSettingsService } from '../handoff-settings.service';
import { adminConversationUrl } from '../handoff-views';

/** The admin's Test buttons: a synthetic handoff sent through one channel now, answered with the outcome. */
@Injectable()
export class HandoffTestService {
  constructor(
    private readonly settings: HandoffSettingsService,
    private readonly channels: ChannelRegistry,
    private readonly config: AppConfig,
  ) {}

  async test(tenant: TenantContext, channelName: string): Promise<ChannelTestResultDto> {
    const channel = this.channels.byName(channelName);
    const settings = await this.settings.channelSettings(tenant.id);
    if (!channel?.isConfigured(settings)) {
      throw new AppError(
        HttpStatus.PRECONDITION_FAILED,
        ErrorCode.ChannelNotConfigured,
        `The ${channelName} channel is not configured: save it in the handoff settings first.`,
      );
    }
    const startedAt = Date.now();
    const outcome = await channel.deliver(this.samplePayload(tenant), settings, { deliveryId: `test_${randomUUID()}` });
    const durationMs = Date.now() - startedAt;
    if (outcome.status === 'delivered') return { ok: true, statusCode: outcome.responseStatus, durationMs };
    return { ok: false, statusCode: outcome.responseStatus, durationMs, error: outcome.error };
  }

  private samplePayload(tenant: TenantContext): HandoffPayload {
    const conversationId = randomUUID();
    const now = Date.now();
    return {
      handoffId: randomUUID(),
      tenantId: tenant.id,
      tenantName: tenant.name,
      conversationId,
      visitorEmail: 'visitor@example.com',
      reason: 'This is a test handoff sent from the handoff settings.',
      createdAt: new Date(now),
      transcript: [
        { role: 'user', content: 'Hi, can I talk to a real person?', createdAt: new Date(now - 60_000) },
        { role: 'assistant', content: 'Of course: let me connect you with the team.', createdAt: new Date(now - 30_000) },
      ],
      adminConversationUrl: adminConversationUrl(this.config.adminBaseUrl, conversationId),
      test: true,
    };
  }
}
