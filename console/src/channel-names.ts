import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** A channel's display name ("Ticket webhook") from its name ("webhook"). */
export type ChannelNames = (channel: string) => string;

export const ChannelNamesContext = createContext<ChannelNames>((channel) => channel);

export function useChannelNames(): ChannelNames {
  return useContext(ChannelNamesContext);
}
