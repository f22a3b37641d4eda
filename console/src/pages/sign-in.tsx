import { useRef, useState } from 'preact/hooks';
import type { TargetedSubmitEvent } from 'preact';
import { PageHeading } from '../components/page-heading';

interface SignInProps {
  /** Why the admin is signed out, when the console signed them out. */
  notice?: string;
  /** Resolves to the reason when the key is refused. */
  onSignIn: (apiKey: string) => Promise<string | undefined>;
}

export function SignInPage({ notice, onSignIn }: SignInProps) {
  const [apiKey, setApiKey] = useState('');
  const [problem, setProblem] = useState<string | undefined>(notice);
  /** The problem is with what was typed (not the notice of why the console signed out). */
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  const submit = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const key = apiKey.trim();
    if (!key) {
      setInvalid(true);
      setProblem('Enter your admin API key.');
      field.current?.focus();
      return;
    }
    setBusy(true);
    const refused = await onSignIn(key);
    setBusy(false);
    if (refused) {
      setInvalid(true);
      setProblem(refused);
      field.current?.focus();
    }
  };

  return (
    <main id="main" class="page page-narrow">
      <PageHeading>Sign in to Wilow admin</PageHeading>
      <p>Sign in with an admin API key of your workspace. It is kept in this tab only, until you sign out or close it.</p>
      <form class="card form" onSubmit={(event) => void submit(event)} noValidate>
        <div class="field">
          <label for="api-key">Admin API key</label>
          <input
            ref={field}
            id="api-key"
            type="password"
            autoComplete="off"
            spellcheck={false}
            value={apiKey}
            onInput={(event) => setApiKey(event.currentTarget.value)}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={invalid ? 'api-key-problem' : undefined}
          />
          <p id="api-key-problem" role="alert" class="field-problem">
            {problem}
          </p>
        </div>
        <button type="submit" class="button button-primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
