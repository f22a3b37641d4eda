import type { Agent, ConversationDetail, ConversationMode, Message, MessageSource } from './api/client';

const ROLE_NAMES: Record<Exclude<Message['role'], 'agent'>, string> = { user: 'Visitor', assistant: 'Assistant' };

/** Where a person of the team wrote: `admin` is this console or the admin API. */
const SOURCE_NAMES: Record<MessageSource, string> = { admin: 'Console', zendesk: 'Zendesk', freshdesk: 'Freshdesk', slack: 'Slack' };

/** Who wrote a message, as the transcript shows it: "Visitor", "Assistant", "Dana · Zendesk". */
export function speakerOf(message: Message): string {
  if (message.role !== 'agent') return ROLE_NAMES[message.role];
  const name = message.author?.name ?? 'Your team';
  return message.source ? `${name} · ${SOURCE_NAMES[message.source]}` : name;
}

/** Who is talking to the visitor now, in the admins' words. */
export function modeLabel(mode: ConversationMode, agent: Agent | null): string {
  switch (mode) {
    case 'assistant':
      return 'With the assistant';
    case 'waiting':
      return 'Waiting for your team';
    case 'agent':
      return agent ? `With ${agent.name}` : 'With your team';
  }
}

/** Where the next read of the transcript starts: after the last message shown. */
export function lastSequence(conversation: ConversationDetail): number {
  return conversation.messages.reduce((last, message) => Math.max(last, message.sequence), 0);
}

/**
 * The conversation as `later` says it is now (mode, counts), with the messages shown so far and
 * those read since, each once, oldest first.
 */
export function withLaterMessages(shown: ConversationDetail, later: ConversationDetail): ConversationDetail {
  const known = new Set(shown.messages.map((message) => message.id));
  const added = later.messages.filter((message) => !known.has(message.id));
  const messages = [...shown.messages, ...added].sort((a, b) => a.sequence - b.sequence);
  return { ...later, messages, nextAfter: null };
}
