import { TranscriptEntry } from './delivery-channel';

/**
 * Who said a message, as the team reads it: "Visitor", "Assistant", or an agent by name, marked
 * as one of the team so a reader never takes an answer for the visitor's. Plain text: each
 * rendering escapes it as it escapes the message itself.
 */
export function speakerOf(entry: Pick<TranscriptEntry, 'role' | 'author'>): string {
  switch (entry.role) {
    case 'user':
      return 'Visitor';
    case 'assistant':
      return 'Assistant';
    case 'agent':
      return entry.author ? `${singleLine(entry.author.name)} (team)` : 'Team';
  }
}

/** `2025-03-03 14:05:07 UTC`: unambiguous for a team spread over time zones. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Text for one line (a subject, a header value) whatever a tenant or visitor typed. */
export function singleLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}
