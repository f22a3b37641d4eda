import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, notFound } from '../common/errors/app-error';
import { ErrorCode } from '../common/errors/error-code';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../common/pagination/cursor';
import { isUuid } from '../common/validation/uuid';
import { ConversationsService } from '../conversations/conversations.service';
import { ConversationMode } from '../conversations/entities/conversation.entity';
import { ChannelSettingsService } from '../delivery/channel-settings/channel-settings.service';
import { DeliveryPage, DeliveryService } from '../delivery/delivery.service';
import { Delivery, DeliveryKind } from '../delivery/entities/delivery.entity';
import { CreateHandoffDto } from './dto/handoff.dto';
import { Handoff, HandoffStatus } from './entities/handoff.entity';
import { noDeliveryChannel } from './guards/delivery-channel.guard';
import { HandoffFilter, HandoffsRepository } from './handoffs.repository';

export interface CreatedHandoff {
  handoff: Handoff;
  /** False when the conversation's open handoff was returned instead (a double click). */
  created: boolean;
  deliveries: Delivery[];
}

/** A handoff with its channels' handoff deliveries and how its follow-ups went, as the admin API shows it. */
export interface HandoffWithDeliveries {
  handoff: Handoff;
  deliveries: Delivery[];
  followUps: { total: number; failed: number };
}

const NO_FOLLOW_UPS = { total: 0, failed: 0 };

/**
 * Handoffs and who is talking. Creating, resolving and reopening a handoff change the
 * conversation's mode in the same transaction, under the conversation's row lock (see
 * ConversationsRepository.lock), so no message slips between the change and what follows it.
 */
@Injectable()
export class HandoffsService {
  constructor(
    private readonly handoffs: HandoffsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly channels: ChannelSettingsService,
    private readonly conversations: ConversationsService,
    private readonly delivery: DeliveryService,
  ) {}

  /**
   * Records the handoff (the transcript is the conversation as it stands under the lock), one
   * delivery per configured channel and its follow-up lanes, and makes the conversation `waiting`,
   * in one transaction; the jobs are queued after commit. While the conversation has an open
   * handoff, that one is returned instead.
   */
  async create(tenantId: string, conversationId: string, request: CreateHandoffDto): Promise<CreatedHandoff> {
    const configured = await this.channels.configuredChannels(tenantId);
    if (configured.length === 0) throw noDeliveryChannel();
    const visitorEmail = request.visitorEmail ?? null;
    const recorded = await this.dataSource.transaction(async (manager) => {
      const handoff = await this.handoffs.insertOpen(manager, { tenantId, conversationId, visitorEmail, reason: request.reason ?? null });
      if (!handoff) return null;
      const deliveries = await this.delivery.schedule(manager, handoff.id, configured, { visitorEmail, transcriptLength: handoff.transcriptLength });
      return { handoff, deliveries };
    });
    if (!recorded) return this.openHandoffOf(conversationId);
    await this.delivery.enqueue(recorded.deliveries);
    return { ...recorded, created: true };
  }

  /** Sends one channel's handoff delivery again by hand: a new attempt, the same handoffId. */
  async redeliver(tenantId: string, handoffId: string, channel: string): Promise<Delivery> {
    await this.getOwned(tenantId, handoffId);
    return this.delivery.redeliverHandoff(handoffId, channel);
  }

  async list(tenantId: string, filter: HandoffFilter = {}, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<HandoffWithDeliveries>> {
    const page = toPage(await this.handoffs.page(tenantId, filter, limit, cursor ? decodeCursor(cursor) : undefined), limit);
    const ids = page.items.map((handoff) => handoff.id);
    const [deliveries, followUps] = await Promise.all([this.delivery.handoffDeliveriesOf(ids), this.delivery.followUpCounts(ids)]);
    return {
      items: page.items.map((handoff) => ({
        handoff,
        deliveries: deliveries.filter((delivery) => delivery.handoffId === handoff.id),
        followUps: followUps.get(handoff.id) ?? NO_FOLLOW_UPS,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** One handoff of the tenant with its handoff deliveries and every attempt. */
  async getWithAttempts(tenantId: string, id: string): Promise<HandoffWithDeliveries> {
    const handoff = await this.getOwned(tenantId, id);
    const [deliveries, followUps] = await Promise.all([this.delivery.handoffDeliveriesWithAttempts(id), this.delivery.followUpCounts([id])]);
    return { handoff, deliveries, followUps: followUps.get(id) ?? NO_FOLLOW_UPS };
  }

  /** One page of all the deliveries of a tenant's handoff, in the order they were made. */
  async deliveries(tenantId: string, id: string, limit: number, options: { kind?: DeliveryKind; afterOrdinal?: string }): Promise<DeliveryPage> {
    await this.getOwned(tenantId, id);
    return this.delivery.page(id, limit, options);
  }

  /**
   * Resolve or reopen. Resolving hands the conversation back to the assistant, after turning its
   * messages not yet followed up into deliveries and announcing the resolution to the channels
   * that take it; reopening (when no other handoff of the conversation is open) hands it back to
   * the team: `agent` when the handoff has been answered, else `waiting`, and its follow-ups resume.
   */
  async setStatus(tenantId: string, id: string, status: HandoffStatus): Promise<HandoffWithDeliveries> {
    const handoff = await this.getOwned(tenantId, id);
    if (handoff.status !== status) {
      const made = await this.dataSource.transaction((manager) =>
        status === HandoffStatus.Resolved ? this.resolve(manager, handoff) : this.reopen(manager, handoff),
      );
      await this.delivery.enqueue(made);
    }
    return this.getWithAttempts(tenantId, id);
  }

  private async resolve(manager: EntityManager, handoff: Handoff): Promise<Delivery[]> {
    const conversation = await this.conversations.lock(manager, handoff.conversationId);
    if ((await this.handoffs.setStatus(manager, handoff.id, HandoffStatus.Resolved)) !== 'changed') return [];
    if (conversation?.openHandoffId === handoff.id) {
      await this.conversations.setMode(manager, handoff.conversationId, { mode: ConversationMode.Assistant, openHandoffId: null, agentName: null });
    }
    const channels = (await this.delivery.handoffDeliveriesOf([handoff.id])).map((delivery) => delivery.channel);
    return this.delivery.resolve(manager, handoff.id, channels);
  }

  private async reopen(manager: EntityManager, handoff: Handoff): Promise<Delivery[]> {
    const conversation = await this.conversations.lock(manager, handoff.conversationId);
    if (conversation?.openHandoffId === handoff.id) return [];
    // Read under the conversation's lock, which an erasure takes too: erased is erased for good.
    const current = await this.handoffs.findForTenant(handoff.tenantId, handoff.id, manager);
    if (current?.erasedAt) {
      throw new AppError(HttpStatus.CONFLICT, ErrorCode.HandoffErased, 'This handoff was erased with its conversation: it cannot be reopened.');
    }
    if (conversation?.openHandoffId || (await this.handoffs.setStatus(manager, handoff.id, HandoffStatus.Open)) === 'conflict') {
      throw new AppError(HttpStatus.CONFLICT, ErrorCode.Conflict, 'Another handoff of this conversation is open: resolve it before reopening this one.');
    }
    const answered = (current?.firstReplyAt ?? null) !== null;
    await this.conversations.setMode(manager, handoff.conversationId, {
      mode: answered ? ConversationMode.Agent : ConversationMode.Waiting,
      openHandoffId: handoff.id,
      agentName: answered ? await this.conversations.lastAgentOf(manager, handoff.id) : null,
    });
    return [];
  }

  /**
   * Erases what the conversation's handoffs hold of the visitor, resolving an open one silently
   * (no `handoff.resolved`: there is nothing left to resolve), inside the caller's transaction.
   */
  eraseOf(manager: EntityManager, conversationId: string): Promise<string[]> {
    return this.handoffs.eraseOf(manager, conversationId);
  }

  /** The tenant's conversations whose handoffs carry this visitor email. */
  conversationsOfVisitorEmail(tenantId: string, email: string): Promise<string[]> {
    return this.handoffs.conversationsOfVisitorEmail(tenantId, email);
  }

  /** The tenant's handoff, or 404 (also for another tenant's id). */
  private async getOwned(tenantId: string, id: string): Promise<Handoff> {
    const handoff = isUuid(id) ? await this.handoffs.findForTenant(tenantId, id) : null;
    if (!handoff) throw notFound('Handoff');
    return handoff;
  }

  private async openHandoffOf(conversationId: string): Promise<CreatedHandoff> {
    const handoff = await this.handoffs.findOpenOf(conversationId);
    if (!handoff) throw new AppError(HttpStatus.CONFLICT, ErrorCode.Conflict, 'The conversation changed meanwhile; try again.');
    return { handoff, created: false, deliveries: await this.delivery.handoffDeliveriesOf([handoff.id]) };
  }
}
