import { ApiProblem, messageOf } from './api/client';

/** A form field as the API's validation messages name it, and the label the admin sees. */
export interface NamedField {
  name: string;
  label: string;
}

export interface PlacedProblems {
  byField: Record<string, string>;
  /** What concerns no one field, or the whole request. */
  general: string[];
}

/**
 * Puts validation messages next to the fields they concern: each starts with the field's name,
 * shown with its label instead ("authorName must…" → "Your name must…"); the others stay general.
 */
export function placeFieldMessages(fields: NamedField[], messages: string[]): PlacedProblems {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const message of messages) {
    const field = fields.find((candidate) => new RegExp(`^${candidate.name}\\b`).test(message));
    if (field) byField[field.name] ??= `${field.label}${message.slice(field.name.length)}`;
    else general.push(message);
  }
  return { byField, general };
}

/**
 * A refused form of one field: the validation message about it (under its label), or else what
 * went wrong, beside the form.
 */
export function oneFieldProblem(field: NamedField, error: unknown): { byField: string; general: string } {
  const placed = placeFieldMessages([field], error instanceof ApiProblem ? error.errors : []);
  const byField = placed.byField[field.name] ?? '';
  return { byField, general: byField ? '' : messageOf(error) };
}
