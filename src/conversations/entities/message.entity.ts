import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Conversation } from './conversation.entity';

export enum MessageRole {
  User = 'user',
  Assistant = 'assistant',
}

export const MAX_MESSAGE_LENGTH = 4000;

@Entity('messages')
@Index('UQ_messages_conversation_seq', ['conversationId', 'seq'], { unique: true })
@Check('CHK_messages_role', `"role" IN ('user', 'assistant')`)
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

  /** clock_timestamp(), not now(): messages of one transaction still get their own instants. */
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}
