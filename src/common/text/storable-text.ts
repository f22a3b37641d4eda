/**
 * Text from outside (a peer's answer, a driver's message) made safe for a Postgres `text` or
 * `varchar` column: Postgres refuses U+0000 in text, and a lone UTF-16 surrogate (what invalid
 * UTF-8 or a JSON `"\ud800"` decodes to) has no UTF-8 form. Both become U+FFFD.
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what must be found
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function storableText(text: string): string {
  return text.replace(UNSTORABLE, '\ufffd');
}

/**
 * At most `maxLength` characters (code points, as Postgres counts a `varchar(n)`), never
 * splitting a surrogate pair, ending in "…" when cut.
 */
export function boundedText(text: string, maxLength: number): string {
  const safe = storableText(text);
  const codePoints = Array.from(safe);
  if (codePoints.length <= maxLength) return safe;
  return `${codePoints.slice(0, maxLength - 1).join('')}…`;
}

/**
 * The value when it fits `maxLength` whole, else null: an identifier or a link cut short would
 * name something else, so it is not kept at all.
 */
export function wholeOrNothing(text: string | undefined | null, maxLength: number): string | null {
  if (text === undefined || text === null) return null;
  const safe = storableText(text);
  return Array.from(safe).length <= maxLength ? safe : null;
}
