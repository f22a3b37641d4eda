import { CopyField } from './copy-field';

/** A secret the service just generated, shown this once, with a way to copy it. */
export function RevealedSecret({ id, secret }: { id: string; secret: string }) {
  return (
    <div class="revealed-secret" role="group" aria-labelledby={`${id}-label`}>
      <p class="revealed-warning">
        <strong>Copy this secret now: it won't be shown again.</strong> Give it to your helpdesk to check the signatures.
      </p>
      <CopyField id={id} label="New secret" value={secret} copyLabel="Copy secret" />
    </div>
  );
}
