import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema';

type Schemas = components['schemas'];
export type Tenant = Schemas['TenantDto'];
export type Handoff = Schemas['HandoffDto'];
export type Delivery = Schemas['DeliveryDto'];
export type HandoffStatus = Schemas['HandoffStatus'];
export type ConversationDetail = Schemas['ConversationDetailDto'];
export type ConversationMode = Schemas['ConversationMode'];
export type Agent = Schemas['AgentDto'];
export type Message = Schemas['MessageDto'];
export type MessageSource = Schemas['MessageSource'];
export type HandoffSettings = Schemas['HandoffSettingsDto'];
export type HandoffChannel = Schemas['HandoffChannelDto'];
export type ChannelField = Schemas['ChannelFieldDto'];
export type ChannelTestResult = Schemas['ChannelTestResultDto'];
export type WidgetSettings = Schemas['WidgetSettingsDto'];
export type Erasure = Schemas['ErasureDto'];
export type ErasureDestination = Schemas['ErasureDestinationDto'];
export type ErasureOutcome = Schemas['ErasureOutcome'];
export type ErasureStatus = Schemas['ErasureStatus'];
export type ErasureStarted = Schemas['ErasureStartedDto'];
export type ApiClient = Client<paths>;
type ErrorBody = Schemas['ApiErrorResponse'];

/** A call that did not succeed: the API's error body, or what went wrong on the way to it. */
export class ApiProblem extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
    /** Field-level messages of a validation error, each starting with the field's name. */
    readonly errors: string[] = [],
  ) {
    super(message);
  }
}

const UNREACHABLE = "Couldn't reach the service. Check your connection and try again.";

/**
 * A client of the admin API with the key on every request. `onUnauthorized` hears of any 401: the
 * key was revoked while the console was open.
 */
export function createApiClient(apiKey: string, onUnauthorized: () => void = () => undefined): ApiClient {
  const client = createClient<paths>({ baseUrl: location.origin, headers: { Authorization: `Bearer ${apiKey}` } });
  client.use({
    onResponse({ response }) {
      if (response.status === 401) onUnauthorized();
    },
  });
  return client;
}

/** The data of a call that succeeded, or throws its ApiProblem. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiProblem(UNREACHABLE);
  }
  if (!result.response.ok) throw problemOf(result.response, result.error);
  return result.data as T;
}

function problemOf(response: Response, body: unknown): ApiProblem {
  if (isErrorBody(body)) return new ApiProblem(body.message, response.status, body.code, body.errors ?? []);
  return new ApiProblem(`The service answered ${response.status}. Try again in a moment.`, response.status);
}

function isErrorBody(body: unknown): body is ErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as ErrorBody).message === 'string';
}

/** What to show for any failure: an ApiProblem's message, else a generic one. */
export function messageOf(error: unknown): string {
  return error instanceof ApiProblem ? error.message : 'Something went wrong. Try again in a moment.';
}
