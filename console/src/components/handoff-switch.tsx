import { useState } from 'preact/hooks';
import { type HandoffSettings, messageOf, unwrap } from '../api/client';
import { useSignedIn } from '../signed-in';
import { Announcements } from './announcements';

/** The admin's toggle; off and disabled while the workspace lacks Wilow's entitlement. */
export function HandoffSwitch({ settings, onChange }: { settings: HandoffSettings; onChange: (next: HandoffSettings) => void }) {
  const { api } = useSignedIn();
  /** The state asked for while it is being saved: shown at once, undone if the save is refused. */
  const [asked, setAsked] = useState<boolean | undefined>();
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');

  const toggle = (enabled: boolean) => {
    setAsked(enabled);
    setNotice('');
    setProblem('');
    void unwrap(api.PATCH('/v1/admin/handoff/settings', { body: { enabled } }))
      .then((next) => {
        onChange(next);
        setNotice(enabled ? 'Handoff is on.' : 'Handoff is off.');
      })
      .catch((error: unknown) => setProblem(messageOf(error)))
      .finally(() => setAsked(undefined));
  };

  return (
    <div class="card switch-card">
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          checked={asked ?? (settings.entitled && settings.enabled)}
          disabled={!settings.entitled || asked !== undefined}
          aria-describedby="handoff-switch-hint"
          onChange={(event) => toggle(event.currentTarget.checked)}
        />
        <span class="switch-track" aria-hidden="true" />
        Enable handoff
      </label>
      <p id="handoff-switch-hint" class="field-hint">
        {!settings.entitled
          ? 'Handoff is not included in your workspace yet. Contact Wilow to enable it.'
          : settings.enabled
            ? 'Visitors can ask for a person in the chat.'
            : 'Visitors are not offered a person.'}
      </p>
      <Announcements notice={notice} problem={problem} />
    </div>
  );
}
