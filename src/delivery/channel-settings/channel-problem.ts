import { DeliveryChannel } from '../../channels/delivery-channel';
import { ChannelSetting } from '../entities/channel-setting.entity';

/**
 * Why a handoff sent now could not be delivered through the channel with these stored settings,
 * or null when it could: a required field or secret missing, then the channel's own rules (a
 * generated secret never generated). Reads no secret's value.
 */
export function channelProblem(channel: DeliveryChannel, row: Pick<ChannelSetting, 'settings' | 'secrets'> | undefined): string | null {
  if (!row) return `${channel.displayName} is not set up.`;
  const set = new Set(Object.keys(row.secrets));
  for (const field of channel.fields.filter((candidate) => candidate.required)) {
    const present = field.secret ? set.has(field.name) : isPresent(row.settings[field.name]);
    if (!present) return `${field.label} is missing.`;
  }
  return channel.problem(row.settings, set);
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}
