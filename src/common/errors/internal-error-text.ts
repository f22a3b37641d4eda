/**
 * What a tenant reads of a failure that is ours (the database, a bug): a reference that finds the
 * logged details, never the driver's or the runtime's own text.
 */
export function internalErrorText(errorId: string): string {
  return `Internal error, reference ${errorId}`;
}
