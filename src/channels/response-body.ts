/** How much of a peer's answer is kept on a delivery attempt (see PeerResponse). */
export const MAX_RESPONSE_BODY_BYTES = 2048;

/**
 * The longest prefix of `bytes` that fits in `maxBytes` without splitting a UTF-8 character,
 * decoded: a cut through a multi-byte character would otherwise decode to U+FFFD and grow.
 */
export function truncateUtf8(bytes: Buffer, maxBytes = MAX_RESPONSE_BODY_BYTES): string {
  if (bytes.length <= maxBytes) return bytes.toString('utf8');
  let end = maxBytes;
  while (end > 0 && isContinuationByte(bytes[end])) end -= 1;
  return bytes.subarray(0, end).toString('utf8');
}

export function truncateText(text: string, maxBytes = MAX_RESPONSE_BODY_BYTES): string {
  return truncateUtf8(Buffer.from(text, 'utf8'), maxBytes);
}

function isContinuationByte(byte: number): boolean {
  return (byte & 0b1100_0000) === 0b1000_0000;
}
