import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { CursorPosition } from '../common/pagination/cursor';
import { Handoff, HandoffStatus } from './entities/handoff.entity';

export interface HandoffFilter {
  status?: HandoffStatus;
  conversationId?: string;
}

/** A handoff to record: what the visitor gave. */
export interface NewHandoff {
  tenantId: string;
  conversationId: string;
  visitorEmail: string | null;
  reason: string | null;
}

const UNIQUE_VIOLATION = '23505';

/** The `handoffs` table. */
@Injectable()
export class HandoffsRepository {
  constructor(@InjectRepository(Handoff) private readonly handoffs: Repository<Handoff>) {}

  /**
   * Records an open handoff and makes its conversation `waiting` with it, in one statement inside
   * the caller's transaction. The conversation's row is locked first: messages being added wait
   * for the commit, so the transcript is the conversation as it stood (its message count), and
   * every later message belongs to the handoff. Null when the conversation already has an open
   * handoff (the unique index on open handoffs decides, even for concurrent double clicks) or
   * was erased.
   */
  async insertOpen(manager: EntityManager, handoff: NewHandoff): Promise<Handoff | null> {
    const rows: Record<string, unknown>[] = await manager.query(
      `WITH locked AS (
         SELECT message_count FROM conversations WHERE id = $2 AND erased_at IS NULL FOR UPDATE
       ), inserted AS (
         INSERT INTO handoffs (tenant_id, conversation_id, visitor_email, reason, transcript_length)
         SELECT $1, $2, $3, $4, message_count FROM locked
         ON CONFLICT DO NOTHING RETURNING *
       ), waiting AS (
         UPDATE conversations SET mode = 'waiting', open_handoff_id = inserted.id, agent_name = NULL
         FROM inserted WHERE conversations.id = $2
       )
       SELECT * FROM inserted`,
      [handoff.tenantId, handoff.conversationId, handoff.visitorEmail, handoff.reason],
    );
    return rows[0] ? toHandoff(rows[0]) : null;
  }

  /** The tenant's handoff, or null (also for another tenant's id). */
  findForTenant(tenantId: string, id: string, manager: EntityManager = this.handoffs.manager): Promise<Handoff | null> {
    return manager.findOne(Handoff, { where: { id, tenantId } });
  }

  findOpenOf(conversationId: string): Promise<Handoff | null> {
    return this.handoffs.findOne({ where: { conversationId, status: HandoffStatus.Open } });
  }

  /**
   * Sets the handoff's status inside the caller's transaction: `changed`, `unchanged` (it had it
   * already: a concurrent request got there first), or `conflict` when reopening while another
   * handoff of the conversation is open (only one may be).
   */
  async setStatus(manager: EntityManager, id: string, status: HandoffStatus): Promise<'changed' | 'unchanged' | 'conflict'> {
    const resolvedAt = status === HandoffStatus.Resolved ? new Date() : null;
    try {
      const [, affected]: [unknown, number] = await manager.query(
        'UPDATE handoffs SET status = $2, resolved_at = $3 WHERE id = $1 AND status <> $2',
        [id, status, resolvedAt],
      );
      return affected > 0 ? 'changed' : 'unchanged';
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return 'conflict';
      throw error;
    }
  }

  /** Notes an agent's answer; when it is the first, returns when the handoff was made and answered. */
  async markAnswered(manager: EntityManager, id: string, at: Date): Promise<{ createdAt: Date; firstReplyAt: Date } | null> {
    const [rows]: [{ created_at: Date; first_reply_at: Date }[], number] = await manager.query(
      'UPDATE handoffs SET first_reply_at = $2 WHERE id = $1 AND first_reply_at IS NULL RETURNING created_at, first_reply_at',
      [id, at],
    );
    return rows[0] ? { createdAt: rows[0].created_at, firstReplyAt: rows[0].first_reply_at } : null;
  }

  /**
   * Erases what the conversation's handoffs hold of the visitor (email, reason) inside the caller's
   * transaction, resolving an open one silently; the records stay. Returns their ids.
   */
  async eraseOf(manager: EntityManager, conversationId: string): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await manager.query(
      `UPDATE handoffs
       SET visitor_email = NULL, reason = NULL, erased_at = now(),
           resolved_at = CASE WHEN status = 'open' THEN now() ELSE resolved_at END, status = 'resolved'
       WHERE conversation_id = $1 AND erased_at IS NULL
       RETURNING id`,
      [conversationId],
    );
    return rows.map((row) => row.id);
  }

  /** The tenant's conversations whose handoffs carry this visitor email (compared without case). */
  async conversationsOfVisitorEmail(tenantId: string, email: string): Promise<string[]> {
    const rows: { conversation_id: string }[] = await this.handoffs.query(
      'SELECT DISTINCT conversation_id FROM handoffs WHERE tenant_id = $1 AND lower(visitor_email) = lower($2) AND erased_at IS NULL',
      [tenantId, email],
    );
    return rows.map((row) => row.conversation_id);
  }

  /** One page of the tenant's handoffs, newest first; one more than `limit`, to tell whether more follow. */
  page(tenantId: string, filter: HandoffFilter, limit: number, position?: CursorPosition): Promise<Handoff[]> {
    const query = this.handoffs
      .createQueryBuilder('h')
      .where('h.tenant_id = :tenantId', { tenantId })
      .orderBy('h.created_at', 'DESC')
      .addOrderBy('h.id', 'DESC')
      .take(limit + 1);
    if (filter.status) query.andWhere('h.status = :status', { status: filter.status });
    if (filter.conversationId) query.andWhere('h.conversation_id = :conversationId', { conversationId: filter.conversationId });
    if (position) query.andWhere('(h.created_at, h.id) < (:createdAt, :id)', position);
    return query.getMany();
  }
}

function toHandoff(row: Record<string, unknown>): Handoff {
  return Object.assign(new Handoff(), {
    id: row.id as string,
    tenantId: row.tenant_id as string,
    conversationId: row.conversation_id as string,
    visitorEmail: row.visitor_email as string | null,
    reason: row.reason as string | null,
    status: row.status as HandoffStatus,
    transcriptLength: row.transcript_length as number,
    createdAt: row.created_at as Date,
    resolvedAt: row.resolved_at as Date | null,
    firstReplyAt: row.first_reply_at as Date | null,
    erasedAt: row.erased_at as Date | null,
  });
}
