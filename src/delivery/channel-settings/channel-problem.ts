import { DeliveryChannel } from '../../channels/delivery-channel';
import { SettingField } from '../../channels/setting-field';
import { ChannelSetting } from '../entities/channel-setting.entity';
import { modeProblem } from './setting-modes';

/**
 * Why a handoff sent now could not be delivered through the channel with these stored settings,
 * or null when it could: a required field or secret missing, then the channel's own rules (a
 * generated secret never generated). Reads no secret's value.
 */
export function channelProblem(channel: DeliveryChannel, row: Pick<ChannelSetting, 'settings' | 'secrets'> | undefined): string | null {
  if (!row) return `${channel.displayName} is not set up.`;
  const set = new Set(Object.keys(row.secrets));
  const present = (field: SettingField) => (field.secret ? set.has(field.name) : isPresent(row.settings[field.name]));
  // A field of a mode is required within its mode only.
  const missing = channel.fields.find((field) => field.required && field.group === undefined && !present(field));
  if (missing) return `${missing.label} is missing.`;
  return modeProblem(channel.fields, present) ?? channel.problem(row.settings, set);
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}
