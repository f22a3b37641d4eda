import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Handoff } from '../../handoff/entities/handoff.entity';

/** A Slack answer recorded before its author's name is known: what the message will say, and who to look up. */
export interface PendingAnswer {
  text: string;
  userId: string;
}

/**
 * An answer a helpdesk sent, taken once: the unique key on the helpdesk's own id (a comment id,
 * a Slack `event_id`) makes a resent or concurrent copy find it recorded. A Slack answer is
 * recorded before Slack's 3 s deadline with `pendingAnswer`, and becomes a message once its
 * author's name is looked up (`completedAt`).
 */
@Entity('inbound_events')
@Index('UQ_inbound_events_event', ['tenantId', 'channel', 'eventId'], { unique: true })
/** The sweep finds Slack answers whose message was not written (the process stopped meanwhile). */
@Index('IDX_inbound_events_pending', ['createdAt'], { where: '"completed_at" IS NULL' })
export class InboundEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 32 })
  channel: string;

  /** The helpdesk's own id of what it sent. */
  @Column({ name: 'event_id', type: 'varchar', length: 255 })
  eventId: string;

  @Column({ name: 'handoff_id', type: 'uuid' })
  handoffId: string;

  @ManyToOne(() => Handoff, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'handoff_id' })
  handoff?: Handoff;

  /** Until the message is written (Slack); null after. */
  @Column({ name: 'pending_answer', type: 'jsonb', nullable: true })
  pendingAnswer: PendingAnswer | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
