import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AppError, notFound } from '../common/errors/app-error';
import { ErrorCode } from '../common/errors/error-code';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../common/pagination/cursor';
import { isUuid } from '../common/validation/uuid';
import { ChannelSettingsService } from '../delivery/channel-settings/channel-settings.service';
import { DeliveryService } from '../delivery/delivery.service';
import { Delivery } from '../delivery/entities/delivery.entity';
import { CreateHandoffDto } from './dto/handoff.dto';
import { Handoff, HandoffStatus } from './entities/handoff.entity';
import { noDeliveryChannel } from './guards/delivery-channel.guard';

const UNIQUE_VIOLATION = '23505';

/** What the recording statement returns (column names). */
interface RecordedRow {
  id: string;
  status: HandoffStatus;
  transcript_length: number;
  created_at: Date;
}

export interface HandoffFilter {
  status?: HandoffStatus;
  conversationId?: string;
}

export interface CreatedHandoff {
  handoff: Handoff;
  /** False when the conversation's open handoff was returned instead (a double click). */
  created: boolean;
  deliveries: Delivery[];
}

/** A handoff with its deliveries, as the admin API shows it. */
export interface HandoffWithDeliveries {
  handoff: Handoff;
  deliveries: Delivery[];
}

@Injectable()
export class HandoffsService {
  constructor(
    @InjectRepository(Handoff) private readonly handoffs: Repository<Handoff>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly channels: ChannelSettingsService,
    private readonly delivery: DeliveryService,
  ) {}

  /**
   * Records the handoff and asks delivery to schedule one delivery per configured channel, in one
   * transaction; the jobs are queued after commit. The unique index on open handoffs makes
   * concurrent double clicks return the same handoff.
   */
  async create(tenantId: string, conversationId: string, request: CreateHandoffDto): Promise<CreatedHandoff> {
    const result = await this.record(tenantId, conversationId, request);
    if (result.created) await this.delivery.enqueue(result.deliveries);
    return result;
  }

  /** Sends one channel's delivery again by hand: a new attempt, the same handoffId. */
  async redeliver(tenantId: string, handoffId: string, channel: string): Promise<Delivery> {
    await this.getOwned(tenantId, handoffId);
    return this.delivery.redeliver(handoffId, channel);
  }

  private async record(tenantId: string, conversationId: string, request: CreateHandoffDto): Promise<CreatedHandoff> {
    const configured = await this.channels.configuredChannels(tenantId);
    if (configured.length === 0) throw noDeliveryChannel();
    const recorded = await this.dataSource.transaction(async (manager) => {
      // The message count is read under FOR SHARE (concurrent appends wait for the commit): the
      // transcript delivered is the conversation as it stood. Nothing is inserted when the
      // conversation already has an open handoff.
      const rows: RecordedRow[] = await manager.query(
        `WITH counted AS (
           SELECT message_count FROM conversations WHERE id = $2 FOR SHARE
         )
         INSERT INTO handoffs (tenant_id, conversation_id, visitor_email, reason, transcript_length)
         SELECT $1, $2, $3, $4, COALESCE((SELECT message_count FROM counted), 0)
         ON CONFLICT DO NOTHING
         RETURNING id, status, transcript_length, created_at`,
        [tenantId, conversationId, request.visitorEmail ?? null, request.reason ?? null],
      );
      const row = rows[0];
      if (!row) return null;
      return { row, deliveries: await this.delivery.schedule(manager, row.id, configured) };
    });
    if (!recorded) return this.openHandoffOf(conversationId);
    const { row, deliveries } = recorded;
    const handoff = this.handoffs.create({
      id: row.id,
      tenantId,
      conversationId,
      visitorEmail: request.visitorEmail ?? null,
      reason: request.reason ?? null,
      status: row.status,
      transcriptLength: row.transcript_length,
      createdAt: row.created_at,
      resolvedAt: null,
    });
    return { handoff, created: true, deliveries };
  }

  async list(tenantId: string, filter: HandoffFilter = {}, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<HandoffWithDeliveries>> {
    const query = this.handoffs
      .createQueryBuilder('h')
      .where('h.tenant_id = :tenantId', { tenantId })
      .orderBy('h.created_at', 'DESC')
      .addOrderBy('h.id', 'DESC')
      .take(limit + 1);
    if (filter.status) query.andWhere('h.status = :status', { status: filter.status });
    if (filter.conversationId) query.andWhere('h.conversation_id = :conversationId', { conversationId: filter.conversationId });
    if (cursor) query.andWhere('(h.created_at, h.id) < (:createdAt, :id)', decodeCursor(cursor));
    const page = toPage(await query.getMany(), limit);
    const deliveries = await this.delivery.ofHandoffs(page.items.map((handoff) => handoff.id));
    return {
      items: page.items.map((handoff) => ({ handoff, deliveries: deliveries.filter((delivery) => delivery.handoffId === handoff.id) })),
      nextCursor: page.nextCursor,
    };
  }

  /** One handoff of the tenant with its deliveries and every attempt. */
  async getWithAttempts(tenantId: string, id: string): Promise<HandoffWithDeliveries> {
    const handoff = await this.getOwned(tenantId, id);
    return { handoff, deliveries: await this.delivery.withAttempts(id) };
  }

  /** Resolve or reopen; the state is for the tenant's own tracking. */
  async setStatus(tenantId: string, id: string, status: HandoffStatus): Promise<HandoffWithDeliveries> {
    const handoff = await this.getOwned(tenantId, id);
    if (handoff.status !== status) {
      const resolvedAt = status === HandoffStatus.Resolved ? new Date() : null;
      await this.handoffs.update({ id, tenantId }, { status, resolvedAt }).catch((error: { code?: string }) => {
        if (error.code !== UNIQUE_VIOLATION) throw error;
        throw new AppError(
          HttpStatus.CONFLICT,
          ErrorCode.Conflict,
          'Another handoff of this conversation is open: resolve it before reopening this one.',
        );
      });
    }
    return this.getWithAttempts(tenantId, id);
  }

  /** The tenant's handoff, or 404 (also for another tenant's id). */
  private async getOwned(tenantId: string, id: string): Promise<Handoff> {
    const handoff = isUuid(id) ? await this.handoffs.findOne({ where: { id, tenantId } }) : null;
    if (!handoff) throw notFound('Handoff');
    return handoff;
  }

  private async openHandoffOf(conversationId: string): Promise<CreatedHandoff> {
    const handoff = await this.handoffs.findOneOrFail({ where: { conversationId, status: HandoffStatus.Open } });
    return { handoff, created: false, deliveries: await this.delivery.ofHandoffs([handoff.id]) };
  }
}
