import { HttpStatus } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-code';
import { isUuid } from '../validation/uuid';

export const DEFAULT_PAGE_SIZE = 20;

/** Position in a list ordered by (createdAt DESC, id DESC); opaque to clients. */
export interface CursorPosition {
  createdAt: Date;
  id: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor({ createdAt, id }: CursorPosition): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(createdAt));
    const validId = typeof id === 'string' && isUuid(id);
    if (validId && !Number.isNaN(date.getTime())) return { createdAt: date, id };
  } catch {
    // Reported below: any malformed cursor gets the same answer.
  }
  throw new AppError(HttpStatus.BAD_REQUEST, ErrorCode.ValidationFailed, 'cursor: is not a cursor returned by this API');
}

/** Rows fetched with `limit + 1`: the extra row only tells that there is a next page. */
export function toPage<T extends CursorPosition>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
