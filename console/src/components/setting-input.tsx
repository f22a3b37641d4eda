import type { ChannelField } from '../api/client';
import type { FieldValue } from '../settings-form';

interface SettingInputProps {
  id: string;
  field: ChannelField;
  value: FieldValue;
  /** For a secret field: a value is stored (and is never shown). */
  stored: boolean;
  problem?: string;
  onChange: (value: FieldValue) => void;
}

/**
 * The input's type for a field shown in an input (not `boolean`, a checkbox, nor `list`, a text
 * area), as one literal per branch: Preact types each input type's attributes apart.
 */
function inputType(field: ChannelField): { type: 'password' } | { type: 'email' } | { type: 'url' } | { type: 'number' } | { type: 'text' } {
  if (field.secret) return { type: 'password' };
  switch (field.type) {
    case 'email':
      return { type: 'email' };
    case 'url':
      return { type: 'url' };
    case 'number':
      return { type: 'number' };
    case 'text':
    case 'list':
    case 'boolean':
      return { type: 'text' };
  }
}

/** One control of a channel's form, rendered from its field descriptor alone. */
export function SettingInput({ id, field, value, stored, problem, onChange }: SettingInputProps) {
  const hint = hintFor(field, stored);
  const describedBy = [hint && `${id}-hint`, problem && `${id}-problem`].filter(Boolean).join(' ') || undefined;
  const shared = {
    id,
    name: field.name,
    'aria-describedby': describedBy,
    'aria-invalid': problem ? true : undefined,
  };
  const notes = (
    <>
      {hint && (
        <p id={`${id}-hint`} class="field-hint">
          {hint}
        </p>
      )}
      {problem && (
        <p id={`${id}-problem`} class="field-problem">
          {problem}
        </p>
      )}
    </>
  );

  if (field.type === 'boolean') {
    return (
      <div class="field">
        <label class="checkbox">
          <input {...shared} type="checkbox" checked={value === true} onChange={(event) => onChange(event.currentTarget.checked)} />
          {field.label}
        </label>
        {notes}
      </div>
    );
  }
  return (
    <div class="field">
      <label for={id}>{field.label}</label>
      {field.type === 'list' ? (
        <textarea {...shared} rows={3} value={String(value)} onInput={(event) => onChange(event.currentTarget.value)} />
      ) : (
        <input
          {...shared}
          {...inputType(field)}
          autoComplete="off"
          spellcheck={false}
          required={field.required && !stored}
          value={String(value)}
          onInput={(event) => onChange(event.currentTarget.value)}
        />
      )}
      {notes}
    </div>
  );
}

function hintFor(field: ChannelField, stored: boolean): string | undefined {
  if (field.secret) return stored ? 'Saved, never shown again. Type a new value to replace it.' : 'Write-only: never shown again once saved.';
  if (field.type === 'boolean') return undefined;
  if (field.type === 'list') return field.required ? 'One per line.' : 'Optional. One per line.';
  return field.required ? undefined : 'Optional.';
}
