import { ApiProperty } from '@nestjs/swagger';
import { Conversation, ConversationMode } from '../entities/conversation.entity';
import { AgentDto, MessageDto } from './message.dto';

export class CreatedConversationDto {
  conversationId: string;
  /** Shown once: the widget presents it as `Authorization: Bearer` on every later call. */
  visitorToken: string;
}

export class ConversationSummaryDto {
  id: string;
  createdAt: Date;
  lastMessageAt: Date | null;
  messageCount: number;
}

export class ConversationListDto {
  /** Newest first. */
  items: ConversationSummaryDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export class ConversationDetailDto extends ConversationSummaryDto {
  /**
   * Who is talking: `assistant`; `waiting` (a handoff is open, the team has not answered yet: the
   * assistant may keep answering); `agent` (a person answers: assistant messages get 409 AGENT_ACTIVE).
   */
  @ApiProperty({ enum: ConversationMode, enumName: 'ConversationMode' })
  mode: ConversationMode;
  /** The last agent who answered the open handoff, or null. */
  @ApiProperty({ type: () => AgentDto, nullable: true })
  agent: AgentDto | null;
  /** The transcript, oldest first: at most `limit` (100) messages after `after`. */
  @ApiProperty({ type: () => [MessageDto] })
  messages: MessageDto[];
  /** The last `sequence` returned when more messages follow (pass it as `after`), else null. */
  @ApiProperty({ type: 'integer', nullable: true })
  nextAfter: number | null;
}

export function toConversationSummary(conversation: Conversation): ConversationSummaryDto {
  const { id, createdAt, lastMessageAt, messageCount } = conversation;
  return { id, createdAt, lastMessageAt, messageCount };
}
