import { h, icon, icons } from './dom';
import { texts } from './texts';

/**
 * Every place "Contact a human" is offered: at the bottom of the pane, under an assistant message
 * that offers a person, and in the inline prompt after a visitor asks for one. While a handoff is
 * open, each says "Your conversation is with our team" instead; the offers return once the
 * conversation is back with the assistant.
 */
export class HandoffOffers {
  /** Each place, and whether "Contact a human" is offered there (else it shows nothing). */
  private readonly places = new Map<HTMLElement, boolean>();
  private handoffOpen = false;

  constructor(
    private readonly onContact: (opener: HTMLElement) => void,
    /** Where the focus goes when the control that had it is replaced. */
    private readonly focusElsewhere: () => void,
  ) {}

  /** A new place for the offer, an element of `className`. */
  place(className: string, offered = true): HTMLElement {
    const element = h('div', { class: className });
    this.places.set(element, offered);
    this.render(element);
    return element;
  }

  offer(place: HTMLElement): void {
    this.places.set(place, true);
    this.render(place);
  }

  showHandoffOpen(open: boolean): void {
    if (open === this.handoffOpen) return;
    this.handoffOpen = open;
    for (const place of this.places.keys()) this.render(place);
  }

  private render(place: HTMLElement): void {
    const hadFocus = place.contains(focusedElement(place));
    place.replaceChildren(...this.contents(this.places.get(place) === true));
    place.hidden = place.childElementCount === 0;
    if (hadFocus) this.focusElsewhere();
  }

  private contents(offered: boolean): HTMLElement[] {
    if (this.handoffOpen) return [h('p', { class: 'team-status' }, icon(icons.person), texts.withTeam)];
    if (!offered) return [];
    const button = h('button', { type: 'button', class: 'contact' }, icon(icons.person), texts.contactHuman);
    button.addEventListener('click', () => this.onContact(button));
    return [button];
  }
}

/** The focused element of the document or shadow root `element` is in. */
function focusedElement(element: HTMLElement): Element | null {
  const root = element.getRootNode();
  return root instanceof ShadowRoot || root instanceof Document ? root.activeElement : null;
}
