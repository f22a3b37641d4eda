import { IsISO8601 } from 'class-validator';

export class RedeliverFailedDto {
  /** ISO 8601 (`2026-11-21T08:00:00Z`): the failed deliveries made since then are sent again. */
  @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 date and time' })
  since: string;
}

export class RedeliverFailedResultDto {
  /** How many failed deliveries were put back in line (at most 1,000, oldest first). */
  count: number;
}
