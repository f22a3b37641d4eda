import { Message } from './api/client';
import { h, icon, icons } from './dom';
import { HandoffOffers } from './handoff-offers';
import { texts } from './texts';

/**
 * The conversation as the visitor sees it: messages oldest first, plus the widget's own lines
 * (inline handoff offers, confirmations, who joined). A live region, so screen readers announce
 * what arrives.
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

  constructor(private readonly offers: HandoffOffers) {
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
      if (message.offerHandoff && handoffAvailable) bubble.after(this.offers.place('reply-offer'));
    }
    if (fresh.length > 0) this.scrollToEnd();
    return fresh.length > 0;
  }

  addHandoffOffer(): void {
    this.append(h('div', { class: 'offer' }, h('p', {}, texts.offerPrompt), this.offers.place('offer-action')));
  }

  addConfirmation(text: string): void {
    this.append(h('p', { class: 'note' }, icon(icons.check), text));
  }

  /** "Dana joined the conversation", just before `beforeMessage` when given, else at the end. */
  addJoined(name: string, beforeMessage?: Message): void {
    const note = h('p', { class: 'note joined' }, icon(icons.person), texts.agentJoined(name));
    if (beforeMessage) {
      // Placed like a message just before that one, so messages fetched later still land around it.
      note.dataset.sequence = String(beforeMessage.sequence - 0.5);
      this.element.insertBefore(note, this.firstAfter(beforeMessage.sequence - 0.5));
      this.scrollToEnd();
    } else {
      this.append(note);
    }
  }

  private insert(message: Message): HTMLElement {
    this.shown.add(message.id);
    const bubble = h('p', { class: `bubble ${message.role}`, 'data-sequence': String(message.sequence) }, ...speaker(message), message.content);
    // A reply can be fetched after a later visitor message was shown: keep the conversation's order.
    this.element.insertBefore(bubble, this.firstAfter(message.sequence));
    return bubble;
  }

  /** The first line placed after `sequence`, or null (the end). */
  private firstAfter(sequence: number): HTMLElement | null {
    const placed = Array.from(this.element.querySelectorAll<HTMLElement>('[data-sequence]'));
    return placed.find((line) => Number(line.dataset.sequence) > sequence) ?? null;
  }

  private append(line: HTMLElement): void {
    this.element.append(line);
    this.scrollToEnd();
  }

  private scrollToEnd(): void {
    this.element.scrollTop = this.element.scrollHeight;
  }
}

/** Who says it: a person's name shown above their message; "You:" and "Assistant:" for screen readers only. */
function speaker(message: Message): HTMLElement[] {
  switch (message.role) {
    case 'agent':
      return [h('span', { class: 'author' }, message.author?.name ?? texts.teamMember, h('span', { class: 'visually-hidden' }, ': '))];
    case 'user':
      return [h('span', { class: 'visually-hidden' }, `${texts.you}: `)];
    case 'assistant':
      return [h('span', { class: 'visually-hidden' }, `${texts.assistant}: `)];
  }
}
