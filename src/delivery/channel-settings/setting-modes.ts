import { HttpStatus } from '@nestjs/common';
import { SettingField } from '../../channels/setting-field';
import { AppError } from '../../common/errors/app-error';
import { ErrorCode } from '../../common/errors/error-code';

/**
 * The modes a channel's fields declare (Slack's incoming webhook or Slack app), each with its
 * fields in declaration order; empty when the channel has one way of being set up.
 */
export function settingModes(fields: readonly SettingField[]): Map<string, SettingField[]> {
  const modes = new Map<string, SettingField[]>();
  for (const field of fields.filter((candidate) => candidate.group !== undefined)) {
    modes.set(field.group!, [...(modes.get(field.group!) ?? []), field]);
  }
  return modes;
}

/** What saved settings say of their mode: why they are not one complete mode, or null when they are (or have no modes). */
export function modeProblem(fields: readonly SettingField[], present: (field: SettingField) => boolean): string | null {
  const modes = [...settingModes(fields).values()];
  if (modes.length === 0) return null;
  const chosen = modes.find((modeFields) => modeFields.some(present));
  if (!chosen) return `Choose one of: ${modes.map(labelOf).join(', ')}.`;
  const missing = chosen.find((field) => field.required && !present(field));
  return missing ? `${missing.label} is missing.` : null;
}

/**
 * The mode a save sets: the one whose fields it sends, else the one stored (a save that sends
 * only kept secrets' companions). Refused with a 400 when it sends fields of several modes, names
 * none, or leaves the chosen one incomplete (`kept`: a stored secret it may leave out).
 * Undefined for a channel without modes.
 */
export function chosenMode(
  fields: readonly SettingField[],
  { sent, stored, kept }: Record<'sent' | 'stored' | 'kept', (field: SettingField) => boolean>,
): string | undefined {
  const modes = [...settingModes(fields)];
  if (modes.length === 0) return undefined;
  const sentModes = modes.filter(([, modeFields]) => modeFields.some(sent));
  if (sentModes.length > 1) throw modeRefusal(`send the fields of one mode only, ${sentModes.map(([, modeFields]) => labelOf(modeFields)).join(' or ')}`);
  const [name, modeFields] = sentModes[0] ?? modes.find(([, candidates]) => candidates.some(stored)) ?? [];
  if (name === undefined || modeFields === undefined) throw modeRefusal(`choose a mode by sending its fields: ${modes.map(([, candidates]) => describe(candidates)).join('; or ')}`);
  const missing = modeFields.filter((field) => field.required && !sent(field) && !kept(field));
  if (missing.length > 0) throw modeRefusal(`the ${labelOf(modeFields)} mode needs ${missing.map((field) => field.name).join(', ')}`);
  return name;
}

/** The names of the fields that belong to modes other than `mode`: a save in `mode` forgets them. */
export function fieldsOfOtherModes(fields: readonly SettingField[], mode: string | undefined): Set<string> {
  return new Set(fields.filter((field) => field.group !== undefined && field.group !== mode).map((field) => field.name));
}

function labelOf(modeFields: SettingField[]): string {
  return modeFields[0].groupLabel ?? modeFields[0].group!;
}

function describe(modeFields: SettingField[]): string {
  return `${labelOf(modeFields)} (${modeFields.map((field) => field.name).join(', ')})`;
}

function modeRefusal(reason: string): AppError {
  return new AppError(HttpStatus.BAD_REQUEST, ErrorCode.ValidationFailed, `Validation failed: ${reason}`, [reason]);
}
