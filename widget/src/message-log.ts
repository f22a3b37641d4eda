import { Message } from './api/client';
import { contactButton } from './contact-button';
import { h, icon, icons } from './dom';
import { texts } from './texts';

/**
 * The conversation as the visitor sees it: messages oldest first, plus the widget's own lines
 * (inline handoff offers, confirmations). A live region, so screen readers announce what arrives.
 */
export class MessageLog {
  readonly element = h('div', {
    class: 'log',
    role: 'log',
    'aria-live': 'polite',
    'aria-label': texts.logLabel,
    // Focusable, so keyboard users can scroll a long conversation.
    tabindex: '0',
  });
  private readonly shown = new Set<string>();

  constructor(private readonly onContact: (opener: HTMLElement) => void) {
    this.element.append(h('p', { class: 'bubble assistant' }, texts.greeting));
  }

  /**
   * Shows the messages not shown yet, each in its place in the conversation; true when any was new.
   * An assistant message that offers a person gets "Contact a human" under it when `handoffAvailable`.
   */
  addMessages(messages: Message[], handoffAvailable = false): boolean {
    const fresh = messages.filter((message) => !this.shown.has(message.id));
    for (const message of fresh) {
      const bubble = this.insert(message);
      if (message.offerHandoff && handoffAvailable) bubble.after(h('div', { class: 'reply-offer' }, contactButton(this.onContact)));
    }
    if (fresh.length > 0) this.scrollToEnd();
    return fresh.length > 0;
  }

  addHandoffOffer(): void {
    this.append(h('div', { class: 'offer' }, h('p', {}, texts.offerPrompt), contactButton(this.onContact)));
  }

  addConfirmation(text: string): void {
    this.append(h('p', { class: 'note' }, icon(icons.check), text));
  }

  private insert(message: Message): HTMLElement {
    this.shown.add(message.id);
    const bubble = h(
      'p',
      { class: `bubble ${message.role}`, 'data-sequence': String(message.sequence) },
      h('span', { class: 'visually-hidden' }, `${message.role === 'user' ? texts.you : texts.assistant}: `),
      message.content,
    );
    // A reply can be fetched after a later visitor message was shown: keep the conversation's order.
    const later = Array.from(this.element.querySelectorAll<HTMLElement>('[data-sequence]')).find(
      (shown) => Number(shown.dataset.sequence) > message.sequence,
    );
    this.element.insertBefore(bubble, later ?? null);
    return bubble;
  }

  private append(line: HTMLElement): void {
    this.element.append(line);
    this.scrollToEnd();
  }

  private scrollToEnd(): void {
    this.element.scrollTop = this.element.scrollHeight;
  }
}
