import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PendingAnswer } from './entities/inbound-event.entity';

/** Which helpdesk item: the tenant, the channel and the helpdesk's own id. */
export interface InboundEventKey {
  tenantId: string;
  channel: string;
  eventId: string;
}

/** A Slack answer whose message is still to be written. */
export interface PendingEvent {
  id: string;
  tenantId: string;
  channel: string;
  handoffId: string;
  answer: PendingAnswer;
}

@Injectable()
export class InboundEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records the item as taken, inside the answer's transaction: false when it was already. A copy
   * arriving meanwhile waits on the unique key until this transaction ends, then finds it.
   */
  async recordTaken(manager: EntityManager, key: InboundEventKey, handoffId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO inbound_events (tenant_id, channel, event_id, handoff_id, completed_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (tenant_id, channel, event_id) DO NOTHING RETURNING id`,
      [key.tenantId, key.channel, key.eventId, handoffId],
    );
    return rows.length > 0;
  }

  /** Records an answer whose message waits for its author's name; returns its id while it still waits (also when recorded before). */
  async recordPending(key: InboundEventKey, handoffId: string, answer: PendingAnswer): Promise<string | null> {
    await this.dataSource.query(
      `INSERT INTO inbound_events (tenant_id, channel, event_id, handoff_id, pending_answer) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, channel, event_id) DO NOTHING`,
      [key.tenantId, key.channel, key.eventId, handoffId, JSON.stringify(answer)],
    );
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM inbound_events WHERE tenant_id = $1 AND channel = $2 AND event_id = $3 AND completed_at IS NULL',
      [key.tenantId, key.channel, key.eventId],
    );
    return rows[0]?.id ?? null;
  }

  async findPending(id: string): Promise<PendingEvent | null> {
    const rows: { id: string; tenant_id: string; channel: string; handoff_id: string; pending_answer: PendingAnswer }[] = await this.dataSource.query(
      'SELECT id, tenant_id, channel, handoff_id, pending_answer FROM inbound_events WHERE id = $1 AND completed_at IS NULL',
      [id],
    );
    const row = rows[0];
    return row ? { id: row.id, tenantId: row.tenant_id, channel: row.channel, handoffId: row.handoff_id, answer: row.pending_answer } : null;
  }

  /** Marks a pending answer written (its text forgotten), in the caller's transaction: false when another copy did. */
  async complete(id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected]: [unknown, number] = await manager.query(
      'UPDATE inbound_events SET completed_at = now(), pending_answer = NULL WHERE id = $1 AND completed_at IS NULL',
      [id],
    );
    return affected > 0;
  }

  /** Pending answers older than `before`, oldest first: their writing was interrupted. */
  async stalePending(before: Date, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM inbound_events WHERE completed_at IS NULL AND created_at < $1 ORDER BY created_at LIMIT $2',
      [before, limit],
    );
    return rows.map((row) => row.id);
  }
}
