import { Matches } from 'class-validator';

/**
 * C0 control characters other than tab, line feed and carriage return (PostgreSQL refuses NUL in
 * text, and none of them belongs in a chat message), and the bidirectional embedding, override
 * and isolate controls (U+202A–U+202E, U+2066–U+2069), with which a transcript could display
 * something other than what was sent.
 */
// Matching control characters is the point of this expression.
// eslint-disable-next-line no-control-regex
export const REFUSED_CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u202A-\u202E\u2066-\u2069]/;

/** Refuses text holding a REFUSED_CONTROL_CHARACTERS character (400 VALIDATION_FAILED). */
export function NoControlCharacters(): PropertyDecorator {
  return Matches(new RegExp(`^[^${REFUSED_CONTROL_CHARACTERS.source.slice(1, -1)}]*$`), {
    message: ({ property }) => `${property} must not contain control characters (other than tab and line breaks) or bidirectional text controls`,
  });
}
