import { ApiProperty, OmitType } from '@nestjs/swagger';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { NoControlCharacters } from '../../common/validation/no-control-characters';
import { AttemptOutcome } from '../../delivery/entities/delivery-attempt.entity';
import { DeliveryKind, DeliveryStatus } from '../../delivery/entities/delivery.entity';
import { HandoffStatus } from '../entities/handoff.entity';

export const MAX_REASON_LENGTH = 1000;

export class CreateHandoffDto {
  /** Where the team can reach the visitor. */
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @Matches(/^[^\r\n]*$/, { message: 'visitorEmail must not contain line breaks' })
  @IsEmail({ allow_display_name: false }, { message: 'visitorEmail must be a single email address' })
  visitorEmail?: string;

  /** What the visitor needs help with, up to 1000 characters. */
  @IsOptional()
  @IsString()
  @MaxLength(MAX_REASON_LENGTH)
  @NoControlCharacters()
  reason?: string;
}

export class CreatedHandoffDto {
  handoffId: string;
  @ApiProperty({ enum: HandoffStatus, enumName: 'HandoffStatus' })
  status: HandoffStatus;
}

export class DeliveryAttemptDto {
  startedAt: Date;
  @ApiProperty({ enum: AttemptOutcome, enumName: 'AttemptOutcome' })
  outcome: AttemptOutcome;
  responseStatus: number | null;
  /** At most 2 KB of the peer's answer. */
  responseBody: string | null;
  error: string | null;
  durationMs: number;
}

export class DeliveryDto {
  id: string;
  /**
   * What it carries: `handoff` (the handoff and its transcript), `follow_up` (messages added while
   * the handoff is open), `resolved`, `visitor_email` (agents' answers emailed to the visitor),
   * `erased`, `failure_notice` (the email to the handoff address saying that another channel keeps
   * failing, made by this handoff's delivery that failed last).
   */
  @ApiProperty({ enum: DeliveryKind, enumName: 'DeliveryKind' })
  kind: DeliveryKind;
  /** The channel's name: `email`, `webhook`, `zendesk`, `freshdesk`, `slack`. */
  channel: string;
  /** The messages a follow-up or visitor email carries (one, or several in one email); empty otherwise. */
  messageIds: string[];
  @ApiProperty({ enum: DeliveryStatus, enumName: 'DeliveryStatus' })
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  responseStatus: number | null;
  /** Duration of the last attempt. */
  durationMs: number | null;
  deliveredAt: Date | null;
  /** The ticket or message the helpdesk made of it, when it says (Zendesk's and Freshdesk's ticket id). */
  externalId: string | null;
  /** Where an agent opens that ticket. */
  externalUrl: string | null;
  createdAt: Date;
  /** When what it held of the conversation was erased; null until then. */
  erasedAt: Date | null;
}

export class FollowUpCountsDto {
  total: number;
  failed: number;
}

export class DeliveryWithAttemptsDto extends DeliveryDto {
  /** Every attempt, oldest first. */
  @ApiProperty({ type: () => [DeliveryAttemptDto] })
  attemptLog: DeliveryAttemptDto[];
}

export class HandoffDto {
  id: string;
  conversationId: string;
  /** The admin Conversations page of the thread. */
  adminConversationUrl: string;
  visitorEmail: string | null;
  reason: string | null;
  @ApiProperty({ enum: HandoffStatus, enumName: 'HandoffStatus' })
  status: HandoffStatus;
  createdAt: Date;
  resolvedAt: Date | null;
  /** The first agent message after the handoff; null until the team answers. */
  firstReplyAt: Date | null;
  /** When its conversation was erased (visitor email and reason with it); null until then. */
  erasedAt: Date | null;
  /** Each channel's delivery of the handoff itself (`kind` `handoff`). */
  @ApiProperty({ type: () => [DeliveryDto] })
  deliveries: DeliveryDto[];
  /** The follow-ups made so far (every delivery: `GET /v1/admin/handoffs/{id}/deliveries`). */
  @ApiProperty({ type: () => FollowUpCountsDto })
  followUps: FollowUpCountsDto;
}

export class HandoffDetailDto extends OmitType(HandoffDto, ['deliveries'] as const) {
  @ApiProperty({ type: () => [DeliveryWithAttemptsDto] })
  deliveries: DeliveryWithAttemptsDto[];
}

export class HandoffListDto {
  /** Newest first. */
  @ApiProperty({ type: () => [HandoffDto] })
  items: HandoffDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export class ListHandoffsQueryDto extends PageQueryDto {
  @IsOptional()
  @ApiProperty({ enum: HandoffStatus, enumName: 'HandoffStatus', required: false })
  @IsEnum(HandoffStatus)
  status?: HandoffStatus;

  /** Only the handoffs of this conversation (the admin Conversations page lists them). */
  @IsOptional()
  @IsUUID('all')
  conversationId?: string;
}

export class ListDeliveriesQueryDto extends PageQueryDto {
  /** Only deliveries of this kind. */
  @IsOptional()
  @ApiProperty({ enum: DeliveryKind, enumName: 'DeliveryKind', required: false })
  @IsEnum(DeliveryKind)
  kind?: DeliveryKind;

  /** `nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,19}$/, { message: 'cursor must be a nextCursor of this list' })
  declare cursor?: string;
}

export class DeliveryListDto {
  /** In the order they were made: the handoff's own first, then follow-ups and the rest. */
  @ApiProperty({ type: () => [DeliveryWithAttemptsDto] })
  items: DeliveryWithAttemptsDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export class UpdateHandoffDto {
  @ApiProperty({ enum: HandoffStatus, enumName: 'HandoffStatus' })
  @IsEnum(HandoffStatus)
  status: HandoffStatus;
}
