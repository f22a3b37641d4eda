import { useEffect, useState } from 'preact/hooks';
import { type HandoffChannel, type HandoffSettings, messageOf, unwrap } from '../api/client';
import { ChannelForm } from '../components/channel-form';
import { FailingBanner } from '../components/failing-banner';
import { HandoffSwitch } from '../components/handoff-switch';
import { PageHeading } from '../components/page-heading';
import { useSignedIn } from '../signed-in';

/** Widget → Handoff: the toggle and one form per delivery channel the service offers. */
export function HandoffSettingsPage() {
  const { api } = useSignedIn();
  const [settings, setSettings] = useState<HandoffSettings | undefined>();
  const [channels, setChannels] = useState<HandoffChannel[] | undefined>();
  const [problem, setProblem] = useState('');

  const loadChannels = () =>
    unwrap(api.GET('/v1/admin/handoff/channels')).then(
      (list) => setChannels(list.items),
      (error: unknown) => setProblem(messageOf(error)),
    );

  useEffect(() => {
    unwrap(api.GET('/v1/admin/handoff/settings')).then(setSettings, (error: unknown) => setProblem(messageOf(error)));
    void loadChannels();
  }, []);

  const replace = (next: HandoffChannel) =>
    setChannels((current) => current?.map((channel) => (channel.channel === next.channel ? next : channel)));

  return (
    <>
      <PageHeading>Handoff</PageHeading>
      <p class="lead">When a visitor asks for a person, the conversation goes to every channel that is ready.</p>
      <p role="status" class="page-status">
        {!problem && (!settings || !channels) ? 'Loading the settings…' : ''}
      </p>
      <p role="alert" class="problem">
        {problem}
      </p>
      {channels && <FailingBanner channels={channels} />}
      {settings && <HandoffSwitch settings={settings} onChange={setSettings} />}
      {channels && (
        <div class="channel-list">
          {channels.map((channel) => (
            <ChannelForm key={channel.channel} channel={channel} onSaved={replace} onChanged={() => void loadChannels()} />
          ))}
        </div>
      )}
    </>
  );
}
