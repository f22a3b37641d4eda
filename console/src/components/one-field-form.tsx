import type { TargetedSubmitEvent } from 'preact';
import { useState } from 'preact/hooks';
import { oneFieldProblem, type NamedField } from '../field-problems';
import { Announcements } from './announcements';

interface OneFieldFormProps {
  id: string;
  field: NamedField;
  /** One literal per kind of input: Preact types each input type's attributes apart. */
  input: { type: 'email' } | { type: 'text'; inputMode: 'numeric' };
  value: string;
  onInput: (value: string) => void;
  hint: string;
  submitLabel: string;
  submitClass: string;
  /**
   * Sends the form: resolves to what to announce, or to `{ problem }` for a value refused before
   * sending. A refusal from the API is placed by the field it concerns, or beside the form.
   */
  onSubmit: () => Promise<{ notice: string } | { problem: string }>;
}

/** A form of one field sent to the API, with its hint, its refusals where they belong, and what happened. */
export function OneFieldForm({ id, field, input, value, onInput, hint, submitLabel, submitClass, onSubmit }: OneFieldFormProps) {
  const [busy, setBusy] = useState(false);
  const [fieldProblem, setFieldProblem] = useState('');
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');

  const submit = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setFieldProblem('');
    setNotice('');
    setProblem('');
    onSubmit()
      .then((done) => ('notice' in done ? setNotice(done.notice) : setFieldProblem(done.problem)))
      .catch((error: unknown) => {
        const refused = oneFieldProblem(field, error);
        setFieldProblem(refused.byField);
        setProblem(refused.general);
      })
      .finally(() => setBusy(false));
  };

  return (
    <form class="form card" onSubmit={submit}>
      <div class="field">
        <label for={id}>{field.label}</label>
        <input
          id={id}
          {...input}
          autoComplete="off"
          value={value}
          aria-invalid={fieldProblem ? true : undefined}
          aria-describedby={`${id}-hint ${id}-problem`}
          onInput={(event) => onInput(event.currentTarget.value)}
        />
        <p id={`${id}-hint`} class="field-hint">
          {hint}
        </p>
        <p id={`${id}-problem`} class="field-problem">
          {fieldProblem}
        </p>
      </div>
      <div class="actions">
        <button type="submit" class={`button ${submitClass}`} disabled={busy}>
          {submitLabel}
        </button>
      </div>
      <Announcements notice={notice} problem={problem} />
    </form>
  );
}
