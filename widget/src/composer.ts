import { h, icon, icons } from './dom';
import { texts } from './texts';

/** The service's limit on one message (PostVisitorMessageDto). */
const MAX_MESSAGE_LENGTH = 4000;

/**
 * The message box: Enter sends, Shift+Enter adds a line. The text leaves the box only once the
 * service has accepted it, so a failed send loses nothing.
 */
export class Composer {
  private readonly input = h('textarea', {
    id: 'wilow-message',
    rows: '1',
    maxlength: String(MAX_MESSAGE_LENGTH),
    placeholder: texts.messagePlaceholder,
  });
  private readonly sendButton = h('button', { type: 'submit', class: 'send', 'aria-label': texts.send }, icon(icons.send));
  readonly element = h(
    'form',
    { class: 'composer' },
    h('label', { for: 'wilow-message', class: 'visually-hidden' }, texts.messageLabel),
    this.input,
    this.sendButton,
  );

  /** `send` resolves true once the service accepted the message. */
  constructor(private readonly send: (content: string) => Promise<boolean>) {
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        void this.submit();
      }
    });
    this.input.addEventListener('input', () => this.fitHeight());
  }

  focus(): void {
    this.input.focus();
  }

  private async submit(): Promise<void> {
    const typed = this.input.value;
    const content = typed.trim();
    if (content === '' || this.sendButton.disabled) return;
    this.sendButton.disabled = true;
    try {
      if (await this.send(content)) this.removeSent(typed);
    } finally {
      this.sendButton.disabled = false;
    }
  }

  /** Keeps whatever the visitor typed after pressing Send. */
  private removeSent(typed: string): void {
    const current = this.input.value;
    this.input.value = current.startsWith(typed) ? current.slice(typed.length).trimStart() : current;
    this.fitHeight();
  }

  /** Grows with the text up to the CSS max-height, then scrolls. */
  private fitHeight(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${this.input.scrollHeight + 2}px`;
  }
}
