import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { HandoffPayload } from '../../channels/delivery-channel';
import { AppError } from '../../common/errors/app-error';
import { ErrorCode } from '../../common/errors/error-code';
import { AppConfig } from '../../config/app-config';
import { adminConversationUrl } from '../../conversations/admin-conversation-url';
import { TenantContext } from '../../tenants/tenant-context';
import { ChannelTestResultDto } from '../dto/channel.dto';
import { logDiagnostic } from '../failure-diagnostics';
import { ChannelSettingsService } from './channel-settings.service';

/** The admin's Test buttons: a synthetic handoff sent through one channel now, answered with the outcome. */
@Injectable()
export class ChannelTestService {
  private readonly logger = new Logger(ChannelTestService.name);

  constructor(
    private readonly settings: ChannelSettingsService,
    private readonly config: AppConfig,
  ) {}

  async test(tenant: TenantContext, channelName: string): Promise<ChannelTestResultDto> {
    const channel = this.settings.channel(channelName);
    const settings = await this.settings.deliveryConfig(tenant.id, channel);
    if (settings.problem !== undefined) {
      throw new AppError(
        HttpStatus.PRECONDITION_FAILED,
        ErrorCode.ChannelNotConfigured,
        `The ${channel.displayName} cannot be tested yet: ${settings.problem}`,
      );
    }
    const startedAt = Date.now();
    const deliveryId = `test_${randomUUID()}`;
    const outcome = logDiagnostic(await channel.test(this.samplePayload(tenant), settings.config, { deliveryId }), this.logger, {
      deliveryId,
      tenantId: tenant.id,
    });
    const durationMs = Date.now() - startedAt;
    const peer = { statusCode: outcome.responseStatus, externalUrl: outcome.externalUrl };
    if (outcome.status === 'delivered') return { ok: true, ...peer, durationMs };
    return { ok: false, ...peer, durationMs, error: outcome.error };
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
        { role: 'user', content: 'Hi, can I talk to a real person?', createdAt: new Date(now - 60_000), author: null, source: null },
        { role: 'assistant', content: 'Of course: let me connect you with the team.', createdAt: new Date(now - 30_000), author: null, source: null },
      ],
      transcriptTotal: 2,
      adminConversationUrl: adminConversationUrl(this.config.adminBaseUrl, conversationId),
      test: true,
    };
  }
}
