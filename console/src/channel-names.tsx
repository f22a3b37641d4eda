import { type ComponentChildren, createContext } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { unwrap } from './api/client';
import { useSignedIn } from './signed-in';

/** A channel's display name ("Ticket webhook") from its name ("webhook"). */
export type ChannelNames = (channel: string) => string;

const ChannelNamesContext = createContext<ChannelNames>((channel) => channel);

export function useChannelNames(): ChannelNames {
  return useContext(ChannelNamesContext);
}

/**
 * The display names of the channels the service offers, read once per sign-in. Until they arrive,
 * or if they cannot be read, deliveries show the channel's own name: still true, just plainer.
 */
export function ChannelNamesProvider({ children }: { children: ComponentChildren }) {
  const { api } = useSignedIn();
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    unwrap(api.GET('/v1/admin/handoff/channels')).then(
      (list) => setNames(Object.fromEntries(list.items.map((item) => [item.channel, item.displayName]))),
      () => undefined,
    );
  }, []);
  const lookup = useMemo(() => (channel: string) => names[channel] ?? channel, [names]);
  return <ChannelNamesContext.Provider value={lookup}>{children}</ChannelNamesContext.Provider>;
}
