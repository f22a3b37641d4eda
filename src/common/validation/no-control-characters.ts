import { Matches } from 'class-validator';

/**
 * Refuses text holding a C0 control character other than tab, line feed and carriage return
 * (400 VALIDATION_FAILED): PostgreSQL refuses NUL in text, and none of them belongs in a chat
 * message or a reason.
 */
export function NoControlCharacters(): PropertyDecorator {
  // Matching control characters is the point of this expression.
  // eslint-disable-next-line no-control-regex
  return Matches(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F]*$/, {
    message: ({ property }) => `${property} must not contain control characters (other than tab and line breaks)`,
  });
}
