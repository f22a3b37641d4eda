import { AppError } from '../errors/app-error';
import { decodeCursor, encodeCursor, toPage } from './cursor';

describe('cursor pagination', () => {
  const row = (n: number) => ({ id: `00000000-0000-4000-8000-00000000000${n}`, createdAt: new Date(1_700_000_000_000 - n) });

  it('round-trips a position', () => {
    const position = row(1);
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each(['', 'garbage', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["nope","x"]').toString('base64url')])(
    'refuses a malformed cursor %p with a 400',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(AppError);
    },
  );

  it('gives a next cursor only when there is a further row', () => {
    const rows = [row(1), row(2), row(3)];
    expect(toPage(rows, 2)).toEqual({ items: rows.slice(0, 2), nextCursor: encodeCursor(rows[1]) });
    expect(toPage(rows, 3)).toEqual({ items: rows, nextCursor: null });
  });
});
