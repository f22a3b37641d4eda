import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Length, Max, Min, ValidateBy, ValidationArguments } from 'class-validator';
import { NoControlCharacters } from '../../common/validation/no-control-characters';
import { MAX_MESSAGE_LENGTH, Message, MessageRole } from '../entities/message.entity';

/** Messages one incremental read returns at most. */
export const MESSAGES_PER_READ = 100;

/** A handoff offer is the assistant's to make. */
function OnAssistantMessagesOnly() {
  return ValidateBy({
    name: 'onAssistantMessagesOnly',
    validator: {
      validate: (offer: unknown, args?: ValidationArguments) =>
        offer !== true || (args?.object as PostMessageDto).role === MessageRole.Assistant,
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

export class PostMessageDto {
  @ApiProperty({ enum: MessageRole, enumName: 'MessageRole' })
  @IsEnum(MessageRole)
  role: MessageRole;

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

export class MessageDto {
  id: string;
  /** 1, 2, 3… within the conversation: its order, and the cursor of `?after=`. */
  @ApiProperty({ type: 'integer', minimum: 1 })
  sequence: number;
  @ApiProperty({ enum: MessageRole, enumName: 'MessageRole' })
  role: MessageRole;
  content: string;
  /** The assistant offers a person under this message ("Contact a human" when handoff is available). */
  offerHandoff: boolean;
  createdAt: Date;
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

export function toMessageDto({ id, seq, role, content, offerHandoff, createdAt }: Message): MessageDto {
  return { id, sequence: seq, role, content, offerHandoff, createdAt };
}

/** A bounded read: `limit` of the messages read (which may hold one more, to tell whether more follow). */
export function toMessagePage(messages: Message[], limit: number): { items: MessageDto[]; nextAfter: number | null } {
  const items = messages.slice(0, limit).map(toMessageDto);
  return { items, nextAfter: messages.length > limit ? items[items.length - 1].sequence : null };
}
