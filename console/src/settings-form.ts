import type { ApiProblem, ChannelField, HandoffChannel } from './api/client';
import { placeFieldMessages, type PlacedProblems } from './field-problems';

/** What a form control holds: text for every type but `boolean` (a list is one entry per line). */
export type FieldValue = string | boolean;
export type FieldValues = Record<string, FieldValue>;

/** The form's starting values from the saved settings; secret fields start empty (write-only). */
export function initialValues(channel: HandoffChannel): FieldValues {
  const values: FieldValues = {};
  for (const field of channel.fields) {
    const saved = field.secret ? undefined : channel.settings[field.name];
    if (field.type === 'boolean') values[field.name] = saved === true;
    else if (field.type === 'list') values[field.name] = Array.isArray(saved) ? saved.join('\n') : '';
    else values[field.name] = saved === undefined || saved === null ? '' : String(saved);
  }
  return values;
}

/**
 * The settings to save. An empty field is left out: an optional setting is then unset, and a
 * secret keeps its stored value.
 */
export function settingsBody(fields: ChannelField[], values: FieldValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.type === 'boolean') {
      body[field.name] = value === true;
      continue;
    }
    const text = String(value ?? '').trim();
    if (text === '') continue;
    if (field.type === 'number') body[field.name] = Number(text);
    else if (field.type === 'list') body[field.name] = entries(text);
    else body[field.name] = text;
  }
  return body;
}

function entries(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** Required fields left empty (a secret already stored counts as filled), by field name. */
export function missingFields(channel: HandoffChannel, values: FieldValues): Record<string, string> {
  const storedSecrets = new Set(channel.secrets.filter((secret) => secret.set).map((secret) => secret.name));
  const missing: Record<string, string> = {};
  for (const field of channel.fields) {
    if (!field.required || field.type === 'boolean' || storedSecrets.has(field.name)) continue;
    if (String(values[field.name] ?? '').trim() === '') missing[field.name] = `Enter the ${field.label.toLowerCase()}.`;
  }
  return missing;
}

/**
 * Puts a refused save next to the fields it concerns: validation messages by field name, and a
 * refused webhook address belongs to the URL field.
 */
export function placeProblems(fields: ChannelField[], problem: ApiProblem): PlacedProblems {
  const { byField, general } = placeFieldMessages(fields, problem.errors);
  const urlFields = fields.filter((field) => field.type === 'url');
  if (problem.code === 'WEBHOOK_URL_REJECTED' && urlFields.length === 1) byField[urlFields[0].name] = problem.message;
  else if (problem.errors.length === 0) general.push(problem.message);
  return { byField, general };
}

/** `signingSecret` → "Signing secret". */
export function humanName(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A mode of a channel's settings (Slack: an incoming webhook or a Slack app), from its fields' `group`. */
export interface SettingsMode {
  name: string;
  label: string;
}

/** The modes the channel's fields declare, in order; empty when it has one way of being set up. */
export function settingsModes(fields: ChannelField[]): SettingsMode[] {
  const modes = new Map<string, string>();
  for (const field of fields) if (field.group !== undefined && !modes.has(field.group)) modes.set(field.group, field.groupLabel ?? field.group);
  return [...modes].map(([name, label]) => ({ name, label }));
}

/** The mode the saved settings are in (a field of it saved, or a secret of it stored), else the first; undefined without modes. */
export function savedMode(channel: HandoffChannel): string | undefined {
  const stored = new Set(channel.secrets.filter((secret) => secret.set).map((secret) => secret.name));
  const saved = channel.fields.find((field) => field.group !== undefined && (stored.has(field.name) || channel.settings[field.name] !== undefined));
  return saved?.group ?? settingsModes(channel.fields)[0]?.name;
}

/** The fields a form shows and saves in a mode: that mode's and those common to every mode. */
export function fieldsInMode(fields: ChannelField[], mode: string | undefined): ChannelField[] {
  return fields.filter((field) => field.group === undefined || field.group === mode);
}
