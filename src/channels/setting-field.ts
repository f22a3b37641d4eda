import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

export type SettingFieldType = 'text' | 'email' | 'url' | 'number' | 'boolean' | 'list';

/** How a client renders one settings field of a channel it has never seen. */
export interface SettingField {
  name: string;
  label: string;
  type: SettingFieldType;
  required: boolean;
  /** Write-only: encrypted at rest, never returned. */
  secret: boolean;
  /**
   * The mode of the settings the field belongs to (Slack's `webhook` or `app`), when the channel
   * has several: settings are one complete mode, and `required` holds within it.
   */
  group?: string;
  /** What a form calls that mode: "Slack app". */
  groupLabel?: string;
}

/** One of the modes a channel's settings can take, and what a form calls it. */
export interface SettingGroup {
  name: string;
  label: string;
}

export interface SettingFieldOptions {
  label: string;
  type: SettingFieldType;
  /** Default true. */
  required?: boolean;
  /** Default false. */
  secret?: boolean;
  /** Shown under the field in OpenAPI. */
  description?: string;
  /**
   * For a secret that is good for one account only: the fields naming that account. Changing them
   * without sending the secret again is refused, so a stored credential is never re-aimed.
   */
  boundTo?: string[];
  /** The mode the field belongs to, when the channel's settings take one of several (see SettingField). */
  group?: SettingGroup;
}

const FIELDS = Symbol('channel-setting-fields');
const SECRET_BINDINGS = Symbol('channel-secret-bindings');

const OPENAPI_TYPES: Record<SettingFieldType, object> = {
  text: { type: String },
  email: { type: String, format: 'email' },
  url: { type: String, format: 'uri' },
  number: { type: Number },
  boolean: { type: Boolean },
  list: { type: [String] },
};

/**
 * Declares a property of a channel's settings DTO as a field clients render, and documents it in
 * OpenAPI. Validation stays with class-validator's own decorators beside it.
 */
export function SettingField(options: SettingFieldOptions): PropertyDecorator {
  return applyDecorators(
    (target: object, property: string | symbol) => {
      const fields: SettingField[] = Reflect.getOwnMetadata(FIELDS, target) ?? [...(Reflect.getMetadata(FIELDS, target) ?? [])];
      fields.push({
        name: String(property),
        label: options.label,
        type: options.type,
        required: options.required ?? true,
        secret: options.secret ?? false,
        ...(options.group && { group: options.group.name, groupLabel: options.group.label }),
      });
      Reflect.defineMetadata(FIELDS, fields, target);
      if (options.boundTo) {
        const bindings: Record<string, string[]> = { ...(Reflect.getMetadata(SECRET_BINDINGS, target) ?? {}), [String(property)]: options.boundTo };
        Reflect.defineMetadata(SECRET_BINDINGS, bindings, target);
      }
    },
    ApiProperty({
      ...OPENAPI_TYPES[options.type],
      // A field of one mode is never required of the settings as a whole.
      required: (options.required ?? true) && options.group === undefined,
      description: [
        options.label,
        options.secret ? 'Secret: write-only, never returned.' : '',
        options.group ? `${options.group.label} mode only` : '',
        options.description ?? '',
      ]
        .filter(Boolean)
        .join('. '),
      ...(options.secret ? { writeOnly: true } : {}),
    }),
  );
}

/** The fields a settings class declares, in declaration order. */
export function describeSettingFields(settingsType: new () => object): SettingField[] {
  return [...((Reflect.getMetadata(FIELDS, settingsType.prototype) as SettingField[] | undefined) ?? [])];
}

/** Each account-bound secret of a settings class, with the fields naming its account (`boundTo`). */
export function describeSecretBindings(settingsType: new () => object): Record<string, string[]> {
  return { ...((Reflect.getMetadata(SECRET_BINDINGS, settingsType.prototype) as Record<string, string[]> | undefined) ?? {}) };
}
