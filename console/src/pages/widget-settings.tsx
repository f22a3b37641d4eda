import { useEffect, useState } from 'preact/hooks';
import { messageOf, unwrap } from '../api/client';
import { OneFieldForm } from '../components/one-field-form';
import { PageHeading } from '../components/page-heading';
import { readRetentionDays, retentionSaved, retentionText } from '../retention';
import { useSignedIn } from '../signed-in';

const RETENTION_FIELD = { name: 'transcriptRetentionDays', label: 'Transcript retention in days' };

/** `/admin/settings/widget`: how long transcripts are kept. */
export function WidgetSettingsPage() {
  const { api } = useSignedIn();
  /** The field's text; undefined until the saved settings are read. */
  const [days, setDays] = useState<string | undefined>();
  const [problem, setProblem] = useState('');

  useEffect(() => {
    unwrap(api.GET('/v1/admin/widget/settings')).then(
      (settings) => setDays(retentionText(settings.transcriptRetentionDays)),
      (error: unknown) => setProblem(messageOf(error)),
    );
  }, []);

  const save = async () => {
    const read = readRetentionDays(days ?? '');
    if ('problem' in read) return read;
    const saved = await unwrap(api.PATCH('/v1/admin/widget/settings', { body: { transcriptRetentionDays: read.days } }));
    setDays(retentionText(saved.transcriptRetentionDays));
    return { notice: retentionSaved(saved.transcriptRetentionDays) };
  };

  return (
    <>
      <PageHeading>Widget</PageHeading>
      <p role="status" class="page-status">
        {days === undefined && !problem ? 'Loading the settings…' : ''}
      </p>
      <p role="alert" class="problem">
        {problem}
      </p>
      {days !== undefined && (
        <section aria-labelledby="retention-heading">
          <h2 id="retention-heading">Transcript retention</h2>
          <OneFieldForm
            id="retention-days"
            field={RETENTION_FIELD}
            input={{ type: 'text', inputMode: 'numeric' }}
            value={days}
            onInput={setDays}
            hint={
              "1 to 3650 days; empty keeps transcripts. Conversations with no message for that long are erased from Wilow. Retention erases Wilow's own copy only: it never deletes your team's tickets or Slack threads."
            }
            submitLabel="Save"
            submitClass="button-primary"
            onSubmit={save}
          />
        </section>
      )}
    </>
  );
}
