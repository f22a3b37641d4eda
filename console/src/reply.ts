import type { ApiProblem } from './api/client';
import { type NamedField, placeFieldMessages, type PlacedProblems } from './field-problems';

export interface ReplyValues {
  authorName: string;
  content: string;
}

/** The reply form's fields, by the names the API's validation messages use. */
export const REPLY_FIELDS: NamedField[] = [
  { name: 'authorName', label: 'Your name' },
  { name: 'content', label: 'Reply to the visitor' },
];

export const NO_OPEN_HANDOFF = 'This conversation has no open handoff: reopen its handoff below to answer the visitor.';
const TOO_MANY_REPLIES = 'Your workspace has sent too many replies this minute. Wait a moment and send again.';

/** Fields left empty, by field name: the visitor sees the name, and an empty reply says nothing. */
export function missingReplyFields(values: ReplyValues): Record<string, string> {
  const missing: Record<string, string> = {};
  if (values.authorName.trim() === '') missing.authorName = 'Enter your name: the visitor sees it with your reply.';
  if (values.content.trim() === '') missing.content = 'Write your reply first.';
  return missing;
}

/** A refused reply: validation messages next to their fields, anything else beside the form. */
export function replyProblems(problem: ApiProblem): PlacedProblems {
  if (problem.status === 400 && problem.errors.length > 0) return placeFieldMessages(REPLY_FIELDS, problem.errors);
  if (problem.code === 'NO_OPEN_HANDOFF') return { byField: {}, general: [NO_OPEN_HANDOFF] };
  if (problem.code === 'RATE_LIMITED') return { byField: {}, general: [TOO_MANY_REPLIES] };
  return { byField: {}, general: [problem.message] };
}
