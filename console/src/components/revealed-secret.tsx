import { useRef, useState } from 'preact/hooks';

/** A secret the service just generated, shown this once, with a way to copy it. */
export function RevealedSecret({ id, secret }: { id: string; secret: string }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState('');

  const copy = () => {
    navigator.clipboard.writeText(secret).then(
      () => setCopied('Copied.'),
      () => {
        field.current?.select();
        setCopied('Selected: press Ctrl+C (⌘C) to copy.');
      },
    );
  };

  return (
    <div class="revealed-secret" role="group" aria-labelledby={`${id}-label`}>
      <p class="revealed-warning">
        <strong>Copy this secret now: it won't be shown again.</strong> Give it to your helpdesk to check the signatures.
      </p>
      <div class="field">
        <label id={`${id}-label`} for={id}>
          New secret
        </label>
        <input ref={field} id={id} type="text" readOnly value={secret} spellcheck={false} class="secret-value" onFocus={() => field.current?.select()} />
      </div>
      <div class="actions">
        <button type="button" class="button" onClick={copy}>
          Copy secret
        </button>
      </div>
      <p role="status" class="notice">
        {copied}
      </p>
    </div>
  );
}
