import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Conversation } from '../../conversations/entities/conversation.entity';
import { Tenant } from '../../tenants/entities/tenant.entity';

export enum HandoffStatus {
  Open = 'open',
  Resolved = 'resolved',
}

@Entity('handoffs')
@Index('IDX_handoffs_tenant_created', ['tenantId', 'createdAt', 'id'])
@Index('IDX_handoffs_tenant_status_created', ['tenantId', 'status', 'createdAt', 'id'])
/** A conversation's handoffs (the admin Conversations page), and the cascade when a conversation goes. */
@Index('IDX_handoffs_conversation_created', ['conversationId', 'createdAt', 'id'])
/** At most one open handoff per conversation: a double click returns the open one. */
@Index('UQ_handoffs_open_conversation', ['conversationId'], { unique: true, where: `"status" = 'open'` })
@Check('CHK_handoffs_status', `"status" IN ('open', 'resolved')`)
export class Handoff {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: Conversation;

  @Column({ name: 'visitor_email', type: 'varchar', length: 254, nullable: true })
  visitorEmail: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 16, default: HandoffStatus.Open })
  status: HandoffStatus;

  /** The transcript delivered is the conversation's first `transcriptLength` messages. */
  @Column({ name: 'transcript_length', type: 'integer' })
  transcriptLength: number;

  /** Millisecond precision, as in the API, so pagination cursors compare exactly. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  /** The first agent message after the handoff was made; null until then. */
  @Column({ name: 'first_reply_at', type: 'timestamptz', nullable: true })
  firstReplyAt: Date | null;

  /** When the visitor's email and reason were erased with the conversation; the rest stays. */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt: Date | null;
}
