import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { HandoffPayload } from '../channels/delivery-channel';
import { AppConfig } from '../config/app-config';
import { ConversationsService } from '../conversations/conversations.service';
import { adminConversationUrl } from '../conversations/admin-conversation-url';
import { Handoff } from '../handoff/entities/handoff.entity';
import { TenantsService } from '../tenants/tenants.service';

/** Builds what channels deliver from the database: the handoff as it was when it was made. */
@Injectable()
export class HandoffPayloadBuilder {
  constructor(
    @InjectRepository(Handoff) private readonly handoffs: Repository<Handoff>,
    private readonly tenants: TenantsService,
    private readonly conversations: ConversationsService,
    private readonly config: AppConfig,
  ) {}

  /** With the newest messages whose contents fit `transcriptBudgetBytes` (the channel trims further). */
  async build(handoffId: string, transcriptBudgetBytes: number): Promise<HandoffPayload> {
    const handoff = await this.handoffs.findOneOrFail({ where: { id: handoffId } });
    const [tenantName, messages] = await Promise.all([
      this.tenants.nameOf(handoff.tenantId),
      this.conversations.newestWithin(handoff.conversationId, handoff.transcriptLength, transcriptBudgetBytes),
    ]);
    return {
      handoffId: handoff.id,
      tenantId: handoff.tenantId,
      tenantName,
      conversationId: handoff.conversationId,
      visitorEmail: handoff.visitorEmail,
      reason: handoff.reason,
      createdAt: handoff.createdAt,
      transcript: messages.map(({ role, content, createdAt }) => ({ role, content, createdAt })),
      transcriptTotal: handoff.transcriptLength,
      adminConversationUrl: adminConversationUrl(this.config.adminBaseUrl, handoff.conversationId),
      test: false,
    };
  }
}
