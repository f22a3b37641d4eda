import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsString, Length } from 'class-validator';
import { NoControlCharacters } from '../../common/validation/no-control-characters';
import { MAX_MESSAGE_LENGTH, Message, MessageRole } from '../entities/message.entity';

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
}

export class MessageDto {
  id: string;
  @ApiProperty({ enum: MessageRole, enumName: 'MessageRole' })
  role: MessageRole;
  content: string;
  createdAt: Date;
}

export class MessageListDto {
  /** Oldest first. */
  items: MessageDto[];
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

export function toMessageDto({ id, role, content, createdAt }: Message): MessageDto {
  return { id, role, content, createdAt };
}
