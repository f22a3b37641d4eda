import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sha256Hex } from '../common/crypto/tokens';
import { notFound } from '../common/errors/app-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../common/pagination/cursor';
import { isUuid } from '../common/validation/uuid';
import { ConversationsService } from '../conversations/conversations.service';
import { DeliveryService } from '../delivery/delivery.service';
import { Delivery, DeliveryStatus } from '../delivery/entities/delivery.entity';
import { HandoffsService } from '../handoff/handoffs.service';
import { DestinationOutcome, ErasureDestination } from './entities/erasure-destination.entity';
import { Erasure } from './entities/erasure.entity';
import { ErasuresRepository, NewDestination } from './erasures.repository';

export type ErasureStatus = 'pending' | 'done' | 'partial';

/** An erasure as the admin API shows it: its destinations' outcomes, read from what follows them. */
export interface ErasureView {
  erasure: Erasure;
  status: ErasureStatus;
  destinations: { handoffId: string; channel: string; externalId: string | null; deliveryId: string | null; outcome: DestinationOutcome; note: string | null }[];
}

/** What erasing one conversation leaves to do once committed. */
interface ErasedConversation {
  destinations: NewDestination[];
  toQueue: Delivery[];
}

/**
 * Erasure: a conversation's messages, its handoffs' visitor email and reason, and whatever the
 * deliveries hold of them, erased in one transaction; the records stay as skeletons. Then the
 * data is followed where the service put it: each channel that can be told or can delete gets an
 * `erased` delivery, and what cannot be taken back is recorded as such.
 */
@Injectable()
export class ErasuresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly erasures: ErasuresRepository,
    private readonly conversations: ConversationsService,
    private readonly handoffs: HandoffsService,
    private readonly delivery: DeliveryService,
  ) {}

  /** One conversation of the tenant (404 for an unknown, erased or another tenant's one). */
  async eraseConversation(tenantId: string, conversationId: string): Promise<Erasure> {
    const conversation = await this.conversations.getForTenant(tenantId, conversationId);
    const erasure = await this.erase(tenantId, [conversation.id], null);
    if (erasure.conversations === 0) throw notFound('Conversation');
    return erasure;
  }

  /**
   * Every conversation of the tenant whose handoff carries the visitor's email; none is not an
   * error (nothing is revealed). Only a hash of the email is kept.
   */
  async eraseByVisitorEmail(tenantId: string, visitorEmail: string): Promise<Erasure> {
    const conversationIds = await this.handoffs.conversationsOfVisitorEmail(tenantId, visitorEmail);
    return this.erase(tenantId, conversationIds, sha256Hex(visitorEmail.trim().toLowerCase()));
  }

  /**
   * Erases a conversation from this service only (retention: the team's tickets and threads are
   * never touched), inside the caller's transaction, which holds the conversation's lock.
   */
  async eraseLocalCopy(manager: EntityManager, conversationId: string): Promise<boolean> {
    if (!(await this.conversations.erase(manager, conversationId))) return false;
    await this.delivery.erase(manager, await this.handoffs.eraseOf(manager, conversationId), { followDestinations: false });
    return true;
  }

  async get(tenantId: string, id: string): Promise<ErasureView> {
    const erasure = isUuid(id) ? await this.erasures.findForTenant(tenantId, id) : null;
    if (!erasure) throw notFound('Erasure');
    return (await this.views([erasure]))[0];
  }

  async list(tenantId: string, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<ErasureView>> {
    const page = toPage(await this.erasures.page(tenantId, limit, cursor ? decodeCursor(cursor) : undefined), limit);
    return { items: await this.views(page.items), nextCursor: page.nextCursor };
  }

  private async erase(tenantId: string, conversationIds: string[], emailHash: string | null): Promise<Erasure> {
    const { erasure, toQueue } = await this.dataSource.transaction(async (manager) => {
      const erased: ErasedConversation[] = [];
      for (const conversationId of conversationIds) {
        const done = await this.eraseOne(manager, conversationId);
        if (done) erased.push(done);
      }
      const destinations = erased.flatMap((done) => done.destinations);
      return { erasure: await this.erasures.create(manager, tenantId, emailHash, erased.length, destinations), toQueue: erased.flatMap((done) => done.toQueue) };
    });
    await this.delivery.enqueue(toQueue);
    return erasure;
  }

  private async eraseOne(manager: EntityManager, conversationId: string): Promise<ErasedConversation | null> {
    if (!(await this.conversations.erase(manager, conversationId))) return null;
    const { targets, toQueue } = await this.delivery.erase(manager, await this.handoffs.eraseOf(manager, conversationId), { followDestinations: true });
    const destinations = targets.map(({ handoffId, channel, externalId, ...how }): NewDestination =>
      how.follow
        ? { handoffId, channel, externalId, deliveryId: how.deliveryId ?? null, outcome: DestinationOutcome.Pending, note: null }
        : { handoffId, channel, externalId, deliveryId: null, outcome: how.outcome as DestinationOutcome, note: how.note },
    );
    return { destinations, toQueue };
  }

  /** The erasures with each destination's outcome: a followed one's from its delivery. */
  private async views(erasures: Erasure[]): Promise<ErasureView[]> {
    const destinations = erasures.flatMap((erasure) => erasure.destinations ?? []);
    const followed = await this.delivery.statesOf(destinations.flatMap((destination) => (destination.deliveryId ? [destination.deliveryId] : [])));
    return erasures.map((erasure) => {
      const shown = (erasure.destinations ?? []).map((destination) => outcomeOf(destination, followed.get(destination.deliveryId ?? '')));
      return { erasure, status: statusOf(shown.map((destination) => destination.outcome)), destinations: shown };
    });
  }
}

/** A followed destination's outcome is its delivery's: done, or not recallable when something remains. */
function outcomeOf(destination: ErasureDestination, delivery: Delivery | undefined): ErasureView['destinations'][number] {
  const shown = { handoffId: destination.handoffId, channel: destination.channel, externalId: destination.externalId, deliveryId: destination.deliveryId };
  if (!delivery) return { ...shown, outcome: destination.outcome, note: destination.note };
  switch (delivery.status) {
    case DeliveryStatus.Delivered:
      return delivery.remains === null
        ? { ...shown, outcome: DestinationOutcome.Done, note: null }
        : { ...shown, outcome: DestinationOutcome.NotRecallable, note: delivery.remains };
    case DeliveryStatus.Failed:
    case DeliveryStatus.Cancelled:
      return { ...shown, outcome: DestinationOutcome.Failed, note: delivery.lastError };
    case DeliveryStatus.Pending:
    case DeliveryStatus.Delivering:
      return { ...shown, outcome: DestinationOutcome.Pending, note: null };
  }
}

/**
 * `pending` while any destination is; else `done` when everything that could be taken back was
 * (or there was nothing to do), `partial` when something failed or cannot be recalled.
 */
function statusOf(outcomes: DestinationOutcome[]): ErasureStatus {
  if (outcomes.includes(DestinationOutcome.Pending)) return 'pending';
  const complete = outcomes.every((outcome) => outcome === DestinationOutcome.Done || outcome === DestinationOutcome.NotApplicable);
  return complete ? 'done' : 'partial';
}
