import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { ChannelRegistry } from '../channels/channel-registry';
import { AppError, notFound } from '../common/errors/app-error';
import { ErrorCode } from '../common/errors/error-code';
import { isUuid } from '../common/validation/uuid';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../common/pagination/cursor';
import { ConversationsService } from '../conversations/conversations.service';
import { CreateHandoffDto } from './dto/handoff.dto';
import { Delivery, DeliveryStatus } from './entities/delivery.entity';
import { Handoff, HandoffStatus } from './entities/handoff.entity';
import { noDeliveryChannel } from './guards/delivery-channel.guard';
import { HandoffSettingsService } from './handoff-settings.service';
import { DeliveryQueue } from '../queue/delivery-queue';
import { AppConfig } from '../config/app-config';
import { DeliveriesService } from './delivery/deliveries.service';

const UNIQUE_VIOLATION = '23505';

/** What the recording statement returns (column names; json_agg gives timestamps as strings). */
interface RecordedRow {
  id: string;
  status: HandoffStatus;
  transcript_length: number;
  created_at: Date;
  deliveries: { id: string; channel: string; status: DeliveryStatus; attempts: number; created_at: string; updated_at: string }[] | null;
}

export interface CreatedHandoff {
  handoff: Handoff;
  /** False when the conversation's open handoff was returned instead (a double click). */
  created: boolean;
  deliveries: Delivery[];
}

@Injectable()
export class HandoffsService {
  constructor(
    @InjectRepository(Handoff) private readonly handoffs: Repository<Handoff>,
    @InjectRepository(Delivery) private readonly deliveries: Repository<Delivery>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationsService,
    private readonly settings: HandoffSettingsService,
    private readonly channels: ChannelRegistry,
    private readonly deliveryStates: DeliveriesService,
    private readonly queue: DeliveryQueue,
    private readonly config: AppConfig,
  ) {}

  /**
   * Records the handoff and one pending delivery per configured channel, in one transaction. The
   * unique index on open handoffs makes concurrent double clicks return the same handoff.
   */
  async create(tenantId: string, conversationId: string, request: CreateHandoffDto): Promise<CreatedHandoff> {
    const result = await this.record(tenantId, conversationId, request);
    if (this.config.faultInjection === 'exit-after-commit') process.kill(process.pid, 'SIGKILL');
    // After commit: a job for a row that is not there yet would find nothing to send.
    if (result.created) await this.queue.enqueue(result.deliveries.map(({ id }) => ({ id, attempts: this.maxAttempts })));
    return result;
  }

  /** Sends one channel's delivery again by hand: a new attempt, the same handoffId. */
  async redeliver(tenantId: string, handoffId: string, channel: string): Promise<Delivery> {
    await this.getWithAttempts(tenantId, handoffId);
    const reopened = await this.deliveryStates.reopen(handoffId, channel);
    if (!reopened) {
      if (!(await this.deliveryStates.findOne(handoffId, channel))) throw notFound('Delivery');
      throw new AppError(HttpStatus.CONFLICT, ErrorCode.Conflict, 'This delivery is being attempted right now; try again shortly.');
    }
    await this.queue.removeFinishedJob(reopened.id);
    await this.queue.enqueue([{ id: reopened.id, attempts: 1 }]);
    return reopened;
  }

  private get maxAttempts(): number {
    return this.config.mail.retryAttempts;
  }

  private async record(tenantId: string, conversationId: string, request: CreateHandoffDto): Promise<CreatedHandoff> {
    const configured = this.channels.configured(await this.settings.channelSettings(tenantId));
    if (configured.length === 0) throw noDeliveryChannel();
    // One statement, so one round trip and one implicit transaction: the message count is read
    // under FOR SHARE (concurrent appends wait for the commit), then the handoff and its
    // deliveries are inserted. Nothing is inserted when the conversation has an open handoff.
    const rows: RecordedRow[] = await this.dataSource.query(
      `WITH counted AS (
         SELECT message_count FROM conversations WHERE id = $2 FOR SHARE
       ), handoff AS (
         INSERT INTO handoffs (tenant_id, conversation_id, visitor_email, reason, transcript_length)
         SELECT $1, $2, $3, $4, COALESCE((SELECT message_count FROM counted), 0)
         ON CONFLICT DO NOTHING
         RETURNING id, status, transcript_length, created_at
       ), delivery AS (
         INSERT INTO deliveries (handoff_id, channel)
         SELECT handoff.id, channel FROM handoff CROSS JOIN unnest($5::varchar[]) AS channel
         RETURNING id, channel, status, attempts, created_at, updated_at
       )
       SELECT handoff.*, (SELECT json_agg(delivery) FROM delivery) AS deliveries FROM handoff`,
      [tenantId, conversationId, request.visitorEmail ?? null, request.reason ?? null, configured.map((channel) => channel.name)],
    );
    const row = rows[0];
    if (!row) return this.openHandoffOf(this.dataSource.manager, conversationId);
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
    const deliveries = (row.deliveries ?? []).map((delivery) =>
      this.deliveries.create({
        id: delivery.id,
        handoffId: row.id,
        channel: delivery.channel,
        status: delivery.status,
        attempts: delivery.attempts,
        lastError: null,
        responseStatus: null,
        durationMs: null,
        deliveredAt: null,
        createdAt: new Date(delivery.created_at),
        updatedAt: new Date(delivery.updated_at),
      }),
    );
    return { handoff, created: true, deliveries };
  }

  async list(tenantId: string, status?: HandoffStatus, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<Handoff>> {
    const query = this.handoffs
      .createQueryBuilder('h')
      .where('h.tenant_id = :tenantId', { tenantId })
      .orderBy('h.created_at', 'DESC')
      .addOrderBy('h.id', 'DESC')
      .take(limit + 1);
    if (status) query.andWhere('h.status = :status', { status });
    if (cursor) query.andWhere('(h.created_at, h.id) < (:createdAt, :id)', decodeCursor(cursor));
    const page = toPage(await query.getMany(), limit);
    await this.attachDeliveries(page.items);
    return page;
  }

  /** One handoff of the tenant with its deliveries and every attempt. */
  async getWithAttempts(tenantId: string, id: string): Promise<Handoff> {
    const handoff = isUuid(id)
      ? await this.handoffs.findOne({
          where: { id, tenantId },
          relations: { deliveries: { attemptLog: true } },
          order: { deliveries: { channel: 'ASC', attemptLog: { startedAt: 'ASC' } } },
        })
      : null;
    if (!handoff) throw notFound('Handoff');
    return handoff;
  }

  /** Resolve or reopen; the state is for the tenant's own tracking. */
  async setStatus(tenantId: string, id: string, status: HandoffStatus): Promise<Handoff> {
    const handoff = await this.getWithAttempts(tenantId, id);
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

  private async openHandoffOf(manager: EntityManager, conversationId: string): Promise<CreatedHandoff> {
    const handoff = await manager.findOneOrFail(Handoff, {
      where: { conversationId, status: HandoffStatus.Open },
      relations: { deliveries: true },
    });
    return { handoff, created: false, deliveries: handoff.deliveries ?? [] };
  }

  private async attachDeliveries(handoffs: Handoff[]): Promise<void> {
    if (handoffs.length === 0) return;
    const deliveries = await this.deliveries.find({
      where: { handoffId: In(handoffs.map((handoff) => handoff.id)) },
      order: { channel: 'ASC' },
    });
    for (const handoff of handoffs) {
      handoff.deliveries = deliveries.filter((delivery) => delivery.handoffId === handoff.id);
    }
  }
}
