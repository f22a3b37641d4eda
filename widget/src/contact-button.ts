import { h, icon, icons } from './dom';
import { texts } from './texts';

/** "Contact a human": the same call to action at the bottom of the pane and inline in the conversation. */
export function contactButton(onContact: (opener: HTMLElement) => void): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'contact' }, icon(icons.person), texts.contactHuman);
  button.addEventListener('click', () => onContact(button));
  return button;
}
