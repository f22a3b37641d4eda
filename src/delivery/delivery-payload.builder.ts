import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  ChannelFailingPayload,
  ErasurePayload,
  FollowUpMessage,
  FollowUpPayload,
  HandoffPayload,
  HandoffReference,
  ResolutionPayload,
  TranscriptEntry,
  VisitorEmailPayload,
} from '../channels/delivery-channel';
import { AppConfig } from '../config/app-config';
import { adminConversationUrl } from '../conversations/admin-conversation-url';
import { ConversationsService } from '../conversations/conversations.service';
import { Message } from '../conversations/entities/message.entity';
import { Handoff } from '../handoff/entities/handoff.entity';
import { ChannelRegistry } from '../channels/channel-registry';
import { TenantsService } from '../tenants/tenants.service';
import { ChannelHealthRepository } from './channel-health/channel-health.repository';
import { DeliveriesRepository } from './deliveries.repository';
import { Delivery } from './entities/delivery.entity';

/** Builds what channels deliver from the database, for each kind of delivery. */
@Injectable()
export class DeliveryPayloadBuilder {
  constructor(
    @InjectRepository(Handoff) private readonly handoffs: Repository<Handoff>,
    private readonly deliveries: DeliveriesRepository,
    private readonly tenants: TenantsService,
    private readonly conversations: ConversationsService,
    private readonly config: AppConfig,
    private readonly health: ChannelHealthRepository,
    private readonly channels: ChannelRegistry,
  ) {}

  /**
   * The handoff as it was when it was made, with the newest messages whose contents fit
   * `transcriptBudgetBytes` (the channel trims further).
   */
  async handoff(handoffId: string, transcriptBudgetBytes: number): Promise<HandoffPayload> {
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
      transcript: messages.map(toTranscriptEntry),
      transcriptTotal: handoff.transcriptLength,
      adminConversationUrl: this.conversationUrl(handoff.conversationId),
      test: false,
    };
  }

  /** The messages a follow-up carries, with the handoff it follows. */
  async followUp(delivery: Delivery): Promise<FollowUpPayload> {
    const handoff = await this.reference(delivery);
    return { handoff, messages: (await this.conversations.byIds(handoff.conversationId, delivery.messageIds)).map(toFollowUpMessage) };
  }

  /** The handoff's resolution: the moment the resolution made this delivery. */
  async resolution(delivery: Delivery): Promise<ResolutionPayload> {
    return { handoff: await this.reference(delivery), resolvedAt: delivery.createdAt };
  }

  /** The erasure of the handoff's conversation: the erasure made this delivery. */
  async erasure(delivery: Delivery): Promise<ErasurePayload> {
    const [handoff, followUpExternalIds] = await Promise.all([this.reference(delivery), this.deliveries.followUpExternalIds(delivery.handoffId, delivery.channel)]);
    return { handoff, erasedAt: delivery.createdAt, followUpExternalIds };
  }

  /**
   * The agents' answers of a visitor email that the visitor has still not read in the widget;
   * null when there are none left (they were read meanwhile), or the handoff has no visitor email.
   */
  async visitorEmail(delivery: Delivery, tenantId: string): Promise<VisitorEmailPayload | null> {
    const handoff = await this.reference(delivery);
    const conversation = await this.conversations.getForTenant(tenantId, handoff.conversationId);
    const messages = await this.conversations.byIds(handoff.conversationId, delivery.messageIds);
    const unread = messages.filter((message) => message.seq > conversation.visitorSeenSeq);
    if (unread.length === 0 || handoff.visitorEmail === null) return null;
    return { handoff, visitorEmail: handoff.visitorEmail, messages: unread.map(toFollowUpMessage) };
  }

  /**
   * What a failure notice tells: the failing period it was made for, as it stands now; null once
   * that period is over (the channel delivered again).
   */
  async failureNotice(delivery: Delivery): Promise<ChannelFailingPayload | null> {
    const health = await this.health.byNotice(delivery.id);
    if (!health || health.failingSince === null) return null;
    return {
      tenantName: await this.tenants.nameOf(health.tenantId),
      channelName: this.channels.byName(health.channel)?.displayName ?? health.channel,
      since: health.failingSince,
      consecutiveFailures: health.consecutiveFailures,
      lastError: health.lastError ?? '',
      settingsUrl: `${this.config.adminBaseUrl}/admin/settings/handoff`,
    };
  }

  /** What a later delivery says of its handoff, with what the channel's handoff delivery made of it. */
  private async reference(delivery: Delivery): Promise<HandoffReference> {
    const [handoff, handoffDelivery] = await Promise.all([
      this.handoffs.findOneOrFail({ where: { id: delivery.handoffId } }),
      this.deliveries.findHandoffDelivery(delivery.handoffId, delivery.channel),
    ]);
    return {
      handoffId: handoff.id,
      tenantId: handoff.tenantId,
      tenantName: await this.tenants.nameOf(handoff.tenantId),
      conversationId: handoff.conversationId,
      visitorEmail: handoff.visitorEmail,
      reason: handoff.reason,
      createdAt: handoff.createdAt,
      adminConversationUrl: this.conversationUrl(handoff.conversationId),
      externalId: handoffDelivery?.externalId ?? null,
    };
  }

  private conversationUrl(conversationId: string): string {
    return adminConversationUrl(this.config.adminBaseUrl, conversationId);
  }
}

function toTranscriptEntry({ role, content, createdAt, authorName, source }: Message): TranscriptEntry {
  return { role, content, createdAt, author: authorName === null ? null : { name: authorName }, source };
}

function toFollowUpMessage(message: Message): FollowUpMessage {
  return { ...toTranscriptEntry(message), id: message.id, sequence: message.seq };
}
