import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Matches, MaxLength } from 'class-validator';
import { DestinationOutcome } from '../entities/erasure-destination.entity';
import { ErasureView } from '../erasures.service';

export class EraseVisitorDataDto {
  /** Every conversation whose handoff carries this email is erased (compared without case). */
  @IsString()
  @MaxLength(254)
  @Matches(/^[^\r\n]*$/, { message: 'visitorEmail must not contain line breaks' })
  @IsEmail({ allow_display_name: false }, { message: 'visitorEmail must be a single email address' })
  visitorEmail: string;
}

export class ErasureStartedDto {
  erasureId: string;
  /** How many conversations it erased (0 when the email matched none). */
  conversations: number;
}

export class ErasureDestinationDto {
  /** The handoff whose copy this is (its record remains, erased): `GET /v1/admin/handoffs/{id}/deliveries` lists `deliveryId`. */
  handoffId: string;
  /** The channel the data went through: `webhook`, `email`, `zendesk`, `freshdesk`, `slack`. */
  channel: string;
  /** The ticket id, Slack post or email Message-ID there, when the channel made one known. */
  externalId: string | null;
  /**
   * The delivery of kind `erased` that follows this destination, among its handoff's deliveries
   * (`POST /v1/admin/deliveries/{id}/redeliver` sends it again when it failed); null when nothing
   * follows it (an inbox, a channel nothing was sent to).
   */
  deliveryId: string | null;
  /**
   * `pending`, `done`, `failed`, `not_applicable` (nothing went there, or it does not take
   * erasures) or `not_recallable` (what has left cannot be taken back).
   */
  @ApiProperty({ enum: DestinationOutcome, enumName: 'ErasureOutcome' })
  outcome: DestinationOutcome;
  /** What remains there, or why nothing was done. */
  note: string | null;
}

export class ErasureDto {
  id: string;
  /** `pending` while a destination is; `done` when everything that could be taken back was; `partial` otherwise. */
  @ApiProperty({ enum: ['pending', 'done', 'partial'], enumName: 'ErasureStatus' })
  status: 'pending' | 'done' | 'partial';
  conversations: number;
  createdAt: Date;
  /** One per thing the service had put somewhere: a ticket, a Slack post, a webhook receiver, an inbox. */
  @ApiProperty({ type: () => [ErasureDestinationDto] })
  destinations: ErasureDestinationDto[];
}

export class ErasureListDto {
  /** Newest first. */
  @ApiProperty({ type: () => [ErasureDto] })
  items: ErasureDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export function toErasureDto({ erasure, status, destinations }: ErasureView): ErasureDto {
  return { id: erasure.id, status, conversations: erasure.conversations, createdAt: erasure.createdAt, destinations };
}
