import type { TargetedSubmitEvent } from 'preact';
import { useState } from 'preact/hooks';
import { type HandoffChannel, messageOf, unwrap } from '../api/client';
import { plural } from '../format';
import { useSignedIn } from '../signed-in';
import { Announcements } from './announcements';

/** The start of the day before, as a `datetime-local` value: a sensible default after an outage. */
function yesterday(): string {
  const date = new Date(Date.now() - 86_400_000);
  date.setMinutes(date.getMinutes() - date.getTimezoneOffset());
  return date.toISOString().slice(0, 11) + '00:00';
}

/** "Redeliver failed since…": every failed delivery of the channel since a time, sent again. */
export function RedeliverFailed({ channel }: { channel: HandoffChannel }) {
  const { api } = useSignedIn();
  const [since, setSince] = useState(yesterday);
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const id = `redeliver-${channel.channel}`;

  const submit = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setNotice('');
    setProblem('');
    const path = { params: { path: { channel: channel.channel } } };
    void unwrap(api.POST('/v1/admin/handoff/channels/{channel}/redeliver-failed', { ...path, body: { since: new Date(since).toISOString() } }))
      .then(({ count }) => setNotice(count === 0 ? 'No failed deliveries since then.' : `${plural(count, 'failed delivery', 'failed deliveries')} being sent again.`))
      .catch((error: unknown) => setProblem(messageOf(error)))
      .finally(() => setBusy(false));
  };

  return (
    <form class="form redeliver-failed" onSubmit={submit}>
      <div class="field">
        <label for={id}>Redeliver failed since</label>
        <input id={id} type="datetime-local" required value={since} onInput={(event) => setSince(event.currentTarget.value)} />
      </div>
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          Redeliver failed<span class="visually-hidden"> {channel.displayName} deliveries</span>
        </button>
      </div>
      <Announcements notice={notice} problem={problem} />
    </form>
  );
}
