/** The retention field as typed: a whole number of days to send, empty to keep, or what is wrong. */
export type RetentionInput = { days: number | null } | { problem: string };

/**
 * Reads the retention field. Only its form is checked here: whether the number is allowed (1 to
 * 3650) is the service's to say, and its answer is shown next to the field.
 */
export function readRetentionDays(text: string): RetentionInput {
  const trimmed = text.trim();
  if (trimmed === '') return { days: null };
  if (!/^\d+$/.test(trimmed)) return { problem: 'Enter a whole number of days, or leave it empty to keep transcripts.' };
  return { days: Number(trimmed) };
}

/** The field's text for a saved retention: empty when transcripts are kept. */
export function retentionText(days: number | null): string {
  return days === null ? '' : String(days);
}

/** What the saved setting means, said after a save. */
export function retentionSaved(days: number | null): string {
  if (days === null) return 'Saved: transcripts are kept.';
  return `Saved: conversations with no message for ${days === 1 ? '1 day' : `${days} days`} are erased from Wilow.`;
}
