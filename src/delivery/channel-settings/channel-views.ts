import { HandoffChannelDto } from '../dto/channel.dto';
import { ChannelView } from './channel-settings.service';

export function toHandoffChannelDto({ channel, configured, problem, settings, secrets, failing }: ChannelView): HandoffChannelDto {
  return { channel: channel.name, displayName: channel.displayName, configured, problem, settings, secrets, fields: channel.fields, failing };
}
