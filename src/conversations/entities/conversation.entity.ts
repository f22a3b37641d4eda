import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tenant } from '../../tenants/entities/tenant.entity';

/**
 * Who is talking to the visitor: the assistant; a handoff was made and the team has not answered
 * yet (the assistant may keep answering); a person of the team (the assistant must not).
 */
export enum ConversationMode {
  Assistant = 'assistant',
  Waiting = 'waiting',
  Agent = 'agent',
}

@Entity('conversations')
@Index('IDX_conversations_tenant_created', ['tenantId', 'createdAt', 'id'])
@Check('CHK_conversations_mode', `"mode" IN ('assistant', 'waiting', 'agent')`)
@Check('CHK_conversations_open_handoff_mode', `("open_handoff_id" IS NULL) = ("mode" = 'assistant')`)
/** The retention job looks for a tenant's conversations quiet for longer than it keeps them. */
@Index('IDX_conversations_tenant_last_message', ['tenantId', 'lastMessageAt'], { where: `"erased_at" IS NULL` })
export class Conversation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  /** SHA-256 of the visitor token; the token itself was shown once, to the widget. */
  @Column({ name: 'visitor_token_hash', type: 'char', length: 64 })
  visitorTokenHash: string;

  /** Incremented with each insert: the next message's `seq`, and the limit in one conditional update. */
  @Column({ name: 'message_count', type: 'integer', default: 0 })
  messageCount: number;

  /** Millisecond precision, as in the API, so pagination cursors compare exactly. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'last_message_at', type: 'timestamptz', nullable: true })
  lastMessageAt: Date | null;

  /**
   * Decided on this row, which every message, handoff, answer and resolution updates: two
   * concurrent requests are ordered by its lock, so an assistant message can never slip in after
   * an agent's answer committed.
   */
  @Column({ type: 'varchar', length: 16, default: ConversationMode.Assistant })
  mode: ConversationMode;

  /** The open handoff, whose channels later messages go to; null in `assistant` mode. */
  @Column({ name: 'open_handoff_id', type: 'uuid', nullable: true })
  openHandoffId: string | null;

  /** The last agent who answered the open handoff, as the widget shows it. */
  @Column({ name: 'agent_name', type: 'varchar', length: 80, nullable: true })
  agentName: string | null;

  /** The highest `sequence` a widget read has returned: a message counts as seen once read. */
  @Column({ name: 'visitor_seen_seq', type: 'integer', default: 0 })
  visitorSeenSeq: number;

  /**
   * When its messages were erased: the row stays as a skeleton (ids, times, counts) for the
   * tenant's statistics, and the conversation answers 404 from then on.
   */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt: Date | null;
}
