import { useState } from 'preact/hooks';
import { type HandoffChannel, messageOf, unwrap } from '../api/client';
import { useSignedIn } from '../signed-in';
import { CopyField } from './copy-field';

/**
 * How the channel's helpdesk sends agents' answers back: its inbound address (copied, or replaced
 * with "New address"), the set-up steps and the body to paste, all as the channel declares them.
 */
export function InboundSetup({ channel, onChanged }: { channel: HandoffChannel; onChanged: () => void }) {
  const { api } = useSignedIn();
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const id = `channel-${channel.channel}-inbound`;

  const replace = () => {
    setBusy(true);
    setProblem('');
    void unwrap(api.POST('/v1/admin/handoff/channels/{channel}/inbound-url', { params: { path: { channel: channel.channel } } }))
      .then(onChanged, (error: unknown) => setProblem(messageOf(error)))
      .finally(() => setBusy(false));
  };

  return (
    <section class="inbound-setup" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Answers from {channel.displayName}</h3>
      <CopyField id={`${id}-url`} label="Inbound URL" value={channel.inboundUrl ?? ''} copyLabel="Copy URL" />
      <div class="actions">
        <button type="button" class="button button-quiet" disabled={busy} onClick={replace}>
          New address<span class="visually-hidden"> for {channel.displayName}</span>
        </button>
      </div>
      <p class="field-hint">A new address stops the current one at once: set the new one in {channel.displayName} right after.</p>
      <ol class="inbound-steps" aria-label={`Set-up steps in ${channel.displayName}`}>
        {channel.inboundSetupSteps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      {channel.inboundBodyTemplate && <CopyField id={`${id}-body`} label="JSON body" value={channel.inboundBodyTemplate} copyLabel="Copy body" multiline />}
      {problem && (
        <p role="alert" class="problem">
          {problem}
        </p>
      )}
    </section>
  );
}
