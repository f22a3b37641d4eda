import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Length, Max, Min, ValidateBy, ValidationArguments } from 'class-validator';
import { NoControlCharacters } from '../../common/validation/no-control-characters';
import { Conversation, ConversationMode } from '../entities/conversation.entity';
import { MAX_AUTHOR_NAME_LENGTH, MAX_MESSAGE_LENGTH, Message, MessageRole, MessageSource } from '../entities/message.entity';

/** Messages one incremental read returns at most. */
export const MESSAGES_PER_READ = 100;

/** A handoff offer is the assistant's to make. */
function OnAssistantMessagesOnly() {
  return ValidateBy({
    name: 'onAssistantMessagesOnly',
    validator: {
      validate: (offer: unknown, args?: ValidationArguments) =>
        offer !== true || (args?.object as PostMessageDto).role === PostableRole.Assistant,
      defaultMessage: () => 'offerHandoff may be true on assistant messages only',
    },
  });
}

export class PostVisitorMessageDto {
  /** The visitor's message, 1 to 4000 characters. */
  @IsString()
  @Length(1, MAX_MESSAGE_LENGTH)
  @NoControlCharacters()
  content: string;
}

/** The roles the assistant engine may post as: agents answer through `…/replies` or a helpdesk. */
export enum PostableRole {
  User = 'user',
  Assistant = 'assistant',
}

export class PostMessageDto {
  @ApiProperty({ enum: PostableRole, enumName: 'PostableRole' })
  @IsEnum(PostableRole, { message: 'role must be user or assistant (agents answer through …/replies or a helpdesk)' })
  role: PostableRole;

  /** 1 to 4000 characters. */
  @IsString()
  @Length(1, MAX_MESSAGE_LENGTH)
  @NoControlCharacters()
  content: string;

  /**
   * Assistant messages only: the assistant offers a person here, and the widget shows "Contact a
   * human" under the message when handoff is available. Default false.
   */
  @IsOptional()
  @IsBoolean()
  @OnAssistantMessagesOnly()
  offerHandoff?: boolean;
}

export class ListMessagesQueryDto {
  /**
   * Only messages with a greater `sequence`, oldest first, at most 100 per call: pass the last
   * `sequence` read, or `nextAfter`. Without it (or 0), from the start.
   */
  @ApiPropertyOptional({ type: 'integer', minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  after?: number;
}

export class ReadConversationQueryDto extends ListMessagesQueryDto {
  /** Messages in this answer, 1 to 100 (default 100). */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MESSAGES_PER_READ, default: MESSAGES_PER_READ })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MESSAGES_PER_READ)
  limit?: number;
}

export class ReplyDto {
  /** The answer, 1 to 4000 characters, under the same rules as visitors' messages. */
  @IsString()
  @Length(1, MAX_MESSAGE_LENGTH)
  @NoControlCharacters()
  content: string;

  /** The agent's name as the visitor sees it, 1 to 80 characters. */
  @IsString()
  @Length(1, MAX_AUTHOR_NAME_LENGTH)
  @NoControlCharacters()
  authorName: string;
}

export class MessageAuthorDto {
  name: string;
}

export class MessageDto {
  id: string;
  /** 1, 2, 3… within the conversation: its order, and the cursor of `?after=`. */
  @ApiProperty({ type: 'integer', minimum: 1 })
  sequence: number;
  /** `user` (the visitor), `assistant` (the Wilow assistant) or `agent` (a person of the team). */
  @ApiProperty({ enum: MessageRole, enumName: 'MessageRole' })
  role: MessageRole;
  content: string;
  /** The assistant offers a person under this message ("Contact a human" when handoff is available). */
  offerHandoff: boolean;
  /** Who wrote an agent message; null on other messages. */
  @ApiProperty({ type: () => MessageAuthorDto, nullable: true })
  author: MessageAuthorDto | null;
  /** Where an agent message was written (`admin`: the console or the admin API); null on other messages. */
  @ApiProperty({ enum: MessageSource, enumName: 'MessageSource', nullable: true })
  source: MessageSource | null;
  createdAt: Date;
}

export class AgentDto {
  name: string;
}

export class MessageListDto {
  /** Oldest first, at most 100. */
  items: MessageDto[];
  /**
   * The last `sequence` returned when more messages follow: pass it as `after` to read on. Null
   * when this answer reaches the end of the conversation.
   */
  @ApiProperty({ type: 'integer', nullable: true })
  nextAfter: number | null;
  /**
   * Who is talking: `assistant`; `waiting` (a handoff is open and the team has not answered yet);
   * `agent` (a person of the team is answering).
   */
  @ApiProperty({ enum: ConversationMode, enumName: 'ConversationMode' })
  mode: ConversationMode;
  /** The last agent who answered the open handoff, or null. */
  @ApiProperty({ type: () => AgentDto, nullable: true })
  agent: AgentDto | null;
}

export class EscalationDto {
  /** The visitor's message asks to reach a person (or shows frustration with the assistant). */
  detected: boolean;
  /** `detected` and handoff available for this tenant: the widget offers "Contact a human" inline. */
  offerHandoff: boolean;
}

export class PostedVisitorMessageDto {
  message: MessageDto;
  escalation: EscalationDto;
}

export class PostedReplyDto {
  message: MessageDto;
}

export function toMessageDto({ id, seq, role, content, offerHandoff, authorName, source, createdAt }: Message): MessageDto {
  return { id, sequence: seq, role, content, offerHandoff, author: authorName === null ? null : { name: authorName }, source, createdAt };
}

/** The agent the widget names: the last one who answered the open handoff. */
export function toAgentDto({ agentName }: Pick<Conversation, 'agentName'>): AgentDto | null {
  return agentName === null ? null : { name: agentName };
}

/** A bounded read: `limit` of the messages read (which may hold one more, to tell whether more follow). */
export function toMessagePage(messages: Message[], limit: number): { items: MessageDto[]; nextAfter: number | null } {
  const items = messages.slice(0, limit).map(toMessageDto);
  return { items, nextAfter: messages.length > limit ? items[items.length - 1].sequence : null };
}
