import type { TargetedSubmitEvent } from 'preact';
import { useState } from 'preact/hooks';
import { ApiProblem, type ChannelTestResult, type HandoffChannel, messageOf, unwrap } from '../api/client';
import { safeWebUrl } from '../format';
import { fieldsInMode, humanName, initialValues, missingFields, placeProblems, savedMode, settingsBody, settingsModes, type FieldValues } from '../settings-form';
import { useSignedIn } from '../signed-in';
import { Announcements } from './announcements';
import { DateTime } from './date-time';
import { InboundSetup } from './inbound-setup';
import { RedeliverFailed } from './redeliver-failed';
import { RevealedSecret } from './revealed-secret';
import { SettingInput } from './setting-input';

interface ChannelFormProps {
  channel: HandoffChannel;
  /** After a save, with the channel as the API now has it. */
  onSaved: (channel: HandoffChannel) => void;
  /** After a change the API answers without the channel (a new secret, a removal): reload it. */
  onChanged: () => void;
}

/**
 * One channel's settings, rendered from its field descriptors: a channel the console has never
 * heard of gets a working form. Save, Test, Remove, and Generate secret for a secret the service
 * makes (one listed in `secrets` that is not a field).
 */
export function ChannelForm({ channel, onSaved, onChanged }: ChannelFormProps) {
  const { api } = useSignedIn();
  const [values, setValues] = useState<FieldValues>(() => initialValues(channel));
  const [fieldProblems, setFieldProblems] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState('');
  const [notice, setNotice] = useState('');
  const [testResult, setTestResult] = useState<ChannelTestResult | undefined>();
  const [revealed, setRevealed] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  /** How long the secret being replaced keeps signing, in hours. */
  const [overlapHours, setOverlapHours] = useState(0);
  /** The mode being set up, on a channel whose settings take one of several (Slack). */
  const [mode, setMode] = useState(() => savedMode(channel));

  const id = `channel-${channel.channel}`;
  const path = { params: { path: { channel: channel.channel } } };
  const fieldNames = new Set(channel.fields.map((field) => field.name));
  const generated = channel.secrets.filter((secret) => !fieldNames.has(secret.name));
  const stored = new Set(channel.secrets.filter((secret) => secret.set).map((secret) => secret.name));
  const saved = Object.keys(channel.settings).length > 0 || stored.size > 0;
  const modes = settingsModes(channel.fields);
  const shown = fieldsInMode(channel.fields, mode);

  const run = (action: () => Promise<void>, onProblem = (error: unknown) => setProblem(messageOf(error))) => {
    setBusy(true);
    setProblem('');
    setNotice('');
    setTestResult(undefined);
    void action()
      .catch(onProblem)
      .finally(() => setBusy(false));
  };

  const showFieldProblems = (byField: Record<string, string>) => {
    setFieldProblems(byField);
    const first = channel.fields.find((field) => byField[field.name]);
    if (first) document.getElementById(`${id}-${first.name}`)?.focus();
  };

  const save = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing = missingFields({ ...channel, fields: shown }, values);
    showFieldProblems(missing);
    if (Object.keys(missing).length > 0) return;
    run(
      async () => {
        const next = await unwrap(api.PUT('/v1/admin/handoff/channels/{channel}', { ...path, body: settingsBody(shown, values) }));
        onSaved(next);
        setValues(initialValues(next));
        setNotice('Saved.');
      },
      (error) => {
        if (!(error instanceof ApiProblem) || error.status !== 400) return setProblem(messageOf(error));
        const placed = placeProblems(shown, error);
        showFieldProblems(placed.byField);
        setProblem(placed.general.join(' '));
      },
    );
  };

  const test = () =>
    run(async () => {
      setTestResult(await unwrap(api.POST('/v1/admin/handoff/channels/{channel}/test', path)));
    });

  const generateSecret = () =>
    run(async () => {
      const { secret } = await unwrap(api.POST('/v1/admin/handoff/channels/{channel}/secret', { ...path, body: { overlapHours } }));
      setRevealed(secret);
      onChanged();
    });

  const remove = () =>
    run(async () => {
      await unwrap(api.DELETE('/v1/admin/handoff/channels/{channel}', path));
      setValues(initialValues({ ...channel, settings: {} }));
      setRevealed(undefined);
      setNotice('Removed.');
      onChanged();
    });

  return (
    <section class="card channel" aria-labelledby={`${id}-title`}>
      <div class="channel-head">
        <h2 id={`${id}-title`} class="channel-title">
          {channel.displayName}
        </h2>
        <span class={`badge ${channel.configured ? 'badge-delivered' : 'badge-unset'}`}>{channel.configured ? 'ready' : 'not ready'}</span>
      </div>
      {channel.problem && <p class="channel-problem">{channel.problem}</p>}
      <form class="form" noValidate onSubmit={save}>
        {modes.length > 0 && (
          <fieldset class="filter">
            <legend>Connect with</legend>
            {modes.map((candidate) => (
              <label key={candidate.name} class="filter-option">
                <input
                  type="radio"
                  name={`${id}-mode`}
                  value={candidate.name}
                  checked={mode === candidate.name}
                  onChange={() => {
                    setMode(candidate.name);
                    setFieldProblems({});
                  }}
                />
                {candidate.label}
              </label>
            ))}
          </fieldset>
        )}
        {shown.map((field) => (
          <SettingInput
            key={field.name}
            id={`${id}-${field.name}`}
            field={field}
            value={values[field.name] ?? ''}
            stored={stored.has(field.name)}
            problem={fieldProblems[field.name]}
            onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
          />
        ))}
        {generated.map((secret) => (
          <div key={secret.name} class="field">
            <p class="field-label">{humanName(secret.name)}</p>
            <p class="field-hint">
              {secret.set && secret.createdAt ? (
                <>
                  Set <DateTime value={secret.createdAt} />. Generating a new one replaces it: keep the previous one signing for a while, or update
                  your helpdesk at once.
                </>
              ) : (
                'None yet: generate one and give it to your helpdesk.'
              )}
            </p>
            {secret.previousExpiresAt && (
              <p class="field-hint">
                The previous secret still signs until <DateTime value={secret.previousExpiresAt} />.
              </p>
            )}
            {secret.set && (
              <div class="field">
                <label for={`${id}-overlap`}>Keep the previous secret signing for</label>
                <select id={`${id}-overlap`} value={String(overlapHours)} onChange={(event) => setOverlapHours(Number(event.currentTarget.value))}>
                  <option value="0">No time: replace it at once</option>
                  <option value="24">24 hours</option>
                  <option value="168">7 days</option>
                </select>
              </div>
            )}
            <div class="actions">
              <button type="button" class="button" disabled={busy} onClick={generateSecret}>
                Generate secret
              </button>
            </div>
          </div>
        ))}
        {revealed && <RevealedSecret id={`${id}-new-secret`} secret={revealed} />}
        <div class="actions">
          <button type="submit" class="button button-primary" disabled={busy}>
            Save
          </button>
          <button type="button" class="button" disabled={busy} onClick={test}>
            Test<span class="visually-hidden"> {channel.displayName}</span>
          </button>
          {saved && (
            <button type="button" class="button button-quiet" disabled={busy} onClick={remove}>
              Remove<span class="visually-hidden"> {channel.displayName}</span>
            </button>
          )}
        </div>
      </form>
      {channel.inboundUrl && <InboundSetup channel={channel} onChanged={onChanged} />}
      {saved && <RedeliverFailed channel={channel} />}
      <Announcements
        notice={
          <>
            {notice}
            {testResult && <TestOutcome result={testResult} />}
          </>
        }
        problem={problem}
      />
    </section>
  );
}

function TestOutcome({ result }: { result: ChannelTestResult }) {
  const answer = result.statusCode === undefined ? '' : `response ${result.statusCode}, `;
  const ticket = safeWebUrl(result.externalUrl);
  return (
    <span class={result.ok ? 'test-ok' : 'test-failed'}>
      {result.ok ? 'Test delivered: ' : 'Test failed: '}
      {answer}
      {result.durationMs} ms{result.error ? `. ${result.error}` : '.'}
      {ticket && (
        <>
          {' '}
          <a href={ticket} target="_blank" rel="noopener noreferrer">
            Open the test ticket
          </a>
        </>
      )}
    </span>
  );
}
