/**
 * A message was added while a handoff was open: it is a follow-up for that handoff's channels.
 * Emitted after the message committed, in the process that added it; the delivery module turns
 * it into deliveries (and its sweep finds any this event never reached).
 */
export const MESSAGE_ADDED = 'conversation.message-added';

export class MessageAdded {
  constructor(
    readonly conversationId: string,
    readonly handoffId: string,
    readonly sequence: number,
  ) {}
}
