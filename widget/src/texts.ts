import { ApiFailure, FailureKind } from './api/client';

/** Everything the widget says, in one place (English for now). */
export const texts = {
  launcherOpen: 'Open chat',
  launcherClose: 'Close chat',
  paneLabel: 'Chat with us',
  title: 'Chat with us',
  subtitle: 'Our assistant answers right away',
  subtitleWithAgent: (name: string) => `You're chatting with ${name}`,
  close: 'Close chat',
  logLabel: 'Conversation',
  greeting: 'Hi! How can we help you today?',
  you: 'You',
  assistant: 'Assistant',
  /** An agent message or a mode without the agent's name (the service always gives one). */
  teamMember: 'Someone from our team',
  agentJoined: (name: string) => `${name} joined the conversation`,
  messageLabel: 'Message',
  messagePlaceholder: 'Write a message…',
  send: 'Send message',
  contactHuman: 'Contact a human',
  withTeam: 'Your conversation is with our team',
  offerPrompt: 'Would you like to talk to a person from our team?',
  dialogTitle: 'Talk to a person',
  dialogIntro: 'Leave your email and what you need. Someone from our team will get back to you; you can keep chatting meanwhile.',
  emailLabel: 'Your email (optional)',
  emailInvalid: 'Enter a valid email address, or leave it empty.',
  reasonLabel: 'How can we help? (optional)',
  reasonCounter: (left: number) => `${left} characters left`,
  submit: 'Submit',
  submitting: 'Sending…',
  cancel: 'Cancel',
  handoffConfirmed: 'Thanks — someone will be in touch.',
} as const;

/** What the visitor is told when a call fails; what they typed always stays where it was. */
export const failureTexts: Record<FailureKind, string> = {
  network: "We couldn't reach the chat service. Check your connection and try again.",
  rateLimited: "You're going a bit fast. Please wait a moment and try again.",
  handoffDisabled: "We're not taking new chats right now. Please try again later.",
  noDeliveryChannel: "Sorry, contacting a person isn't available here right now.",
  invalid: 'Please check what you entered and try again.',
  sessionLost: 'This chat has ended. Send your message again to start a new one.',
  server: 'Something went wrong on our side. Please try again in a moment.',
};

export function failureText(error: unknown): string {
  return failureTexts[error instanceof ApiFailure ? error.kind : 'server'];
}
