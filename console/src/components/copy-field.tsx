import { useRef, useState } from 'preact/hooks';

interface CopyFieldProps {
  id: string;
  label: string;
  value: string;
  /** The button's words: "Copy secret", "Copy URL". */
  copyLabel: string;
  /** A text area, for a value of several lines (a JSON body). */
  multiline?: boolean;
}

/** A read-only value with a button that copies it (or selects it, where the clipboard is refused). */
export function CopyField({ id, label, value, copyLabel, multiline = false }: CopyFieldProps) {
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState('');

  const copy = () => {
    navigator.clipboard.writeText(value).then(
      () => setCopied('Copied.'),
      () => {
        field.current?.select();
        setCopied('Selected: press Ctrl+C (⌘C) to copy.');
      },
    );
  };

  const shared = { ref: field, id, readOnly: true, value, spellcheck: false, class: 'secret-value', onFocus: () => field.current?.select() };
  return (
    <>
      <div class="field">
        <label id={`${id}-label`} for={id}>
          {label}
        </label>
        {multiline ? <textarea {...shared} rows={value.split('\n').length} /> : <input {...shared} type="text" />}
      </div>
      <div class="actions">
        <button type="button" class="button" onClick={copy}>
          {copyLabel}
        </button>
      </div>
      <p role="status" class="notice">
        {copied}
      </p>
    </>
  );
}
