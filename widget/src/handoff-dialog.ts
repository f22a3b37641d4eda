import { HandoffRequest } from './api/client';
import { h } from './dom';
import { failureText, texts } from './texts';

/** The service's limits (CreateHandoffDto): refused there anyway, checked here to say so kindly. */
const MAX_EMAIL_LENGTH = 254;
export const MAX_REASON_LENGTH = 1000;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The "Contact a human" form, a modal dialog over the chat pane: optional email (validated) and
 * optional reason. Focus moves into it on open, Tab stays inside, Escape closes it, and focus
 * returns to the button that opened it (or, when the handoff replaced that button, goes
 * `focusElsewhere`). On failure everything typed stays in the fields.
 */
export class HandoffDialog {
  private readonly email = h('input', {
    id: 'wilow-email',
    type: 'email',
    name: 'email',
    autocomplete: 'email',
    inputmode: 'email',
    maxlength: String(MAX_EMAIL_LENGTH),
    'aria-describedby': 'wilow-email-error',
  });
  private readonly emailError = h('p', { id: 'wilow-email-error', class: 'field-error', hidden: '' });
  private readonly reason = h('textarea', {
    id: 'wilow-reason',
    name: 'reason',
    rows: '3',
    maxlength: String(MAX_REASON_LENGTH),
    'aria-describedby': 'wilow-reason-counter',
  });
  private readonly counter = h('p', { id: 'wilow-reason-counter', class: 'counter' });
  private readonly error = h('p', { class: 'form-error', role: 'alert', hidden: '' });
  private readonly cancelButton = h('button', { type: 'button', class: 'secondary' }, texts.cancel);
  private readonly submitButton = h('button', { type: 'submit', class: 'primary' }, texts.submit);
  private readonly form = this.buildForm();
  readonly element = h('div', { class: 'dialog-layer', hidden: '' }, this.form);
  private opener: HTMLElement | undefined;

  /** `submit` resolves when the handoff is recorded and throws an ApiFailure otherwise. */
  constructor(
    private readonly submit: (request: HandoffRequest) => Promise<void>,
    private readonly focusElsewhere: () => void,
  ) {
    this.updateCounter();
    this.reason.addEventListener('input', () => this.updateCounter());
    this.email.addEventListener('input', () => this.showEmailError(false));
    this.cancelButton.addEventListener('click', () => this.close());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.onSubmit();
    });
    this.form.addEventListener('keydown', (event) => this.onKeydown(event));
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  open(opener: HTMLElement): void {
    this.opener = opener;
    this.showError(undefined);
    this.element.hidden = false;
    this.email.focus();
  }

  close(): void {
    this.element.hidden = true;
    if (this.opener?.isConnected) this.opener.focus();
    else this.focusElsewhere();
  }

  private buildForm(): HTMLFormElement {
    return h(
      'form',
      {
        class: 'dialog',
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': 'wilow-handoff-title',
        'aria-describedby': 'wilow-handoff-intro',
        novalidate: '',
      },
      h('h3', { id: 'wilow-handoff-title' }, texts.dialogTitle),
      h('p', { id: 'wilow-handoff-intro', class: 'intro' }, texts.dialogIntro),
      field('wilow-email', texts.emailLabel, this.email, this.emailError),
      field('wilow-reason', texts.reasonLabel, this.reason, this.counter),
      this.error,
      h('div', { class: 'actions' }, this.cancelButton, this.submitButton),
    );
  }

  private async onSubmit(): Promise<void> {
    if (!this.emailIsValid()) {
      this.showEmailError(true);
      this.email.focus();
      return;
    }
    this.setBusy(true);
    try {
      await this.submit(this.request());
      this.form.reset();
      this.updateCounter();
      this.close();
    } catch (error) {
      this.showError(failureText(error));
    } finally {
      this.setBusy(false);
    }
  }

  private request(): HandoffRequest {
    const request: HandoffRequest = {};
    const visitorEmail = this.email.value.trim();
    const reason = this.reason.value.trim();
    if (visitorEmail) request.visitorEmail = visitorEmail;
    if (reason) request.reason = reason;
    return request;
  }

  private emailIsValid(): boolean {
    const email = this.email.value.trim();
    return email === '' || (email.length <= MAX_EMAIL_LENGTH && EMAIL_PATTERN.test(email));
  }

  private showEmailError(shown: boolean): void {
    this.email.setAttribute('aria-invalid', String(shown));
    this.emailError.textContent = shown ? texts.emailInvalid : '';
    this.emailError.hidden = !shown;
  }

  private showError(message: string | undefined): void {
    this.error.textContent = message ?? '';
    this.error.hidden = message === undefined;
  }

  private setBusy(busy: boolean): void {
    this.submitButton.disabled = busy;
    this.submitButton.textContent = busy ? texts.submitting : texts.submit;
    this.form.setAttribute('aria-busy', String(busy));
  }

  private updateCounter(): void {
    this.counter.textContent = texts.reasonCounter(MAX_REASON_LENGTH - this.reason.value.length);
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.close();
    } else if (event.key === 'Tab') {
      this.keepFocusInside(event);
    }
  }

  /** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
  private keepFocusInside(event: KeyboardEvent): void {
    const controls = [this.email, this.reason, this.cancelButton, this.submitButton].filter((control) => !control.disabled);
    const first = controls[0];
    const last = controls[controls.length - 1];
    const active = (this.form.getRootNode() as ShadowRoot).activeElement;
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }
}

function field(id: string, label: string, control: HTMLElement, hint: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint);
}
