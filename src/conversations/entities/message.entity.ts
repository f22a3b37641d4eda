import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Conversation } from './conversation.entity';

export enum MessageRole {
  /** The visitor. */
  User = 'user',
  /** The Wilow assistant. */
  Assistant = 'assistant',
  /** A person of the tenant's team. */
  Agent = 'agent',
}

/** Where an agent's answer was written: the console or the admin API, or a helpdesk. */
export enum MessageSource {
  Admin = 'admin',
  Zendesk = 'zendesk',
  Freshdesk = 'freshdesk',
  Slack = 'slack',
}

export const MAX_AUTHOR_NAME_LENGTH = 80;

export const MAX_MESSAGE_LENGTH = 4000;

@Entity('messages')
@Index('UQ_messages_conversation_seq', ['conversationId', 'seq'], { unique: true })
@Check('CHK_messages_role', `"role" IN ('user', 'assistant', 'agent')`)
@Check('CHK_messages_agent_author', `("role" = 'agent') = ("author_name" IS NOT NULL AND "source" IS NOT NULL)`)
@Check('CHK_messages_source', `"source" IN ('admin', 'zendesk', 'freshdesk', 'slack')`)
/** A handoff's later messages, in order: what its follow-ups carry. */
@Index('IDX_messages_handoff_seq', ['handoffId', 'seq'], { where: `"handoff_id" IS NOT NULL` })
@Check('CHK_messages_content_length', `char_length("content") BETWEEN 1 AND ${MAX_MESSAGE_LENGTH}`)
@Check('CHK_messages_offer_handoff_role', `"offer_handoff" = false OR "role" = 'assistant'`)
export class Message {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  /**
   * 1, 2, 3… within the conversation: the transcript's order, and the exact boundary of what a
   * handoff includes (messages up to the conversation's count when the handoff was made).
   */
  @Column({ type: 'integer' })
  seq: number;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: Conversation;

  @Column({ type: 'varchar', length: 16 })
  role: MessageRole;

  @Column({ type: 'text' })
  content: string;

  /** The assistant offers a person here: the widget shows "Contact a human" under the message. */
  @Column({ name: 'offer_handoff', type: 'boolean', default: false })
  offerHandoff: boolean;

  /** The agent's name, on agent messages only. */
  @Column({ name: 'author_name', type: 'varchar', length: MAX_AUTHOR_NAME_LENGTH, nullable: true })
  authorName: string | null;

  /** Where an agent's answer was written, on agent messages only. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  source: MessageSource | null;

  /**
   * The handoff that was open when the message was added, if any: the message is then a follow-up
   * for that handoff's channels. Set from the conversation's row in the statement that adds it.
   */
  @Column({ name: 'handoff_id', type: 'uuid', nullable: true })
  handoffId: string | null;

  /** clock_timestamp(), not now(): messages of one transaction still get their own instants. */
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}
