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
import { Delivery } from './entities/delivery.entity';
import { Handoff, HandoffStatus } from './entities/handoff.entity';
import { noDeliveryChannel } from './guards/delivery-channel.guard';
import { HandoffSettingsService } from './handoff-settings.service';
import { DeliveryQueue } from '../queue/delivery-queue';
import { AppConfig } from '../config/app-config';
import { DeliveriesService } from './delivery/deliveries.service';

const UNIQUE_VIOLATION = '23505';

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
    return this.dataSource.transaction(async (manager) => {
      const transcriptLength = await this.conversations.lockedMessageCount(manager, conversationId);
      const values = {
        tenantId,
        conversationId,
        visitorEmail: request.visitorEmail ?? null,
        reason: request.reason ?? null,
        transcriptLength,
      };
      const inserted = await manager.createQueryBuilder().insert().into(Handoff).values(values).orIgnore().execute();
      if (inserted.identifiers.length === 0 || !inserted.identifiers[0]) {
        return this.openHandoffOf(manager, conversationId);
      }
      const handoff = manager.create(Handoff, { ...values, ...inserted.generatedMaps[0] });
      const deliveries = await manager.save(
        configured.map((channel) => manager.create(Delivery, { handoffId: handoff.id, channel: channel.name })),
      );
      return { handoff, created: true, deliveries };
    });
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
