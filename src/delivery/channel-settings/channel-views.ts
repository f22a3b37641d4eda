import { HandoffChannelDto } from '../dto/channel.dto';
import { ChannelView } from './channel-settings.service';

/** The channel item: the view, and the channel's inbound address when it has one (`inboundUrl`). */
export function toHandoffChannelDto({ channel, configured, problem, settings, secrets, failing }: ChannelView, inboundUrl: string | null): HandoffChannelDto {
  const inbound = inboundUrl === null ? null : channel.inbound;
  return {
    channel: channel.name,
    displayName: channel.displayName,
    configured,
    problem,
    settings,
    secrets,
    fields: channel.fields,
    failing,
    inboundUrl: inbound ? inboundUrl : null,
    inboundBodyTemplate: inbound?.bodyTemplate ?? null,
    inboundSetupSteps: inbound?.setupSteps.map((step) => step.replaceAll('{inboundUrl}', inboundUrl as string)) ?? [],
  };
}
