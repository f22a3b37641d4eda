import { TranscriptEntry } from './delivery-channel';

/** Who said a message, as the team reads it. */
export const SPEAKERS: Record<TranscriptEntry['role'], string> = { user: 'Visitor', assistant: 'Assistant' };

/** `2025-03-03 14:05:07 UTC`: unambiguous for a team spread over time zones. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Text for one line (a subject, a header value) whatever a tenant or visitor typed. */
export function singleLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}
