import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Checks bodies against the event catalogue's JSON Schemas with a validator of its own (ajv),
 * closed: the published schemas let receivers accept fields added later, but what the service
 * sends must be exactly what its schema says, so an object here has no property its schema lacks.
 */
export class EventSchemaChecker {
  private readonly ajv = addFormats(new Ajv({ allErrors: true, strict: true }));
  private readonly validators = new Map<object, ValidateFunction>();

  /** The errors of `body` against `schema`, as ajv words them; empty when it is valid. */
  errors(schema: object, body: unknown): string[] {
    let validate = this.validators.get(schema);
    if (!validate) {
      validate = this.ajv.compile(closed(JSON.parse(JSON.stringify(schema)) as Record<string, unknown>));
      this.validators.set(schema, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
  }
}

function closed(schema: Record<string, unknown>): Record<string, unknown> {
  for (const value of Object.values(schema)) {
    if (Array.isArray(value)) value.forEach((item) => isObject(item) && closed(item));
    else if (isObject(value)) closed(value);
  }
  if (schema.type === 'object' && schema.additionalProperties === undefined) schema.additionalProperties = false;
  return schema;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
