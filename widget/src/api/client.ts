/** The public widget API of the Wilow handoff service, through a client generated from `openapi.json`. */
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema';

type Schemas = components['schemas'];
export type Message = Schemas['MessageDto'];
export type MessagePage = Schemas['MessageListDto'];
/** Who is talking: the assistant, nobody yet (`waiting`: a handoff is open), or a person (`agent`). */
export type ConversationMode = Schemas['ConversationMode'];
export type Agent = Schemas['AgentDto'];
export type Session = Schemas['CreatedConversationDto'];
export type WidgetConfig = Schemas['WidgetConfigDto'];
export type PostedMessage = Schemas['PostedVisitorMessageDto'];
export type HandoffRequest = Schemas['CreateHandoffDto'];
type ErrorCode = Schemas['ErrorCode'];

/** Why a call failed, in the terms the widget explains to the visitor. */
export type FailureKind =
  | 'network'
  | 'rateLimited'
  | 'handoffDisabled'
  | 'noDeliveryChannel'
  | 'invalid'
  | 'sessionLost'
  | 'server';

export class ApiFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    /** From Retry-After, when the service said how long to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(`Wilow widget API: ${kind}`);
  }
}

/** The service's stable error codes (`{ statusCode, code, message }` bodies) the widget reacts to. */
const KIND_BY_CODE: Partial<Record<ErrorCode, FailureKind>> = {
  RATE_LIMITED: 'rateLimited',
  HANDOFF_DISABLED: 'handoffDisabled',
  NO_DELIVERY_CHANNEL: 'noDeliveryChannel',
  VALIDATION_FAILED: 'invalid',
  // The stored conversation is gone or its token no longer matches: start a new one.
  NOT_FOUND: 'sessionLost',
};

export class WidgetApi {
  private readonly client: Client<paths>;

  constructor(baseUrl: string, widgetKey: string) {
    // The widget key and visitor token identify the visitor; the customer's cookies never travel.
    this.client = createClient<paths>({ baseUrl, headers: { 'X-Widget-Key': widgetKey }, credentials: 'omit' });
  }

  config(): Promise<WidgetConfig> {
    return settle(this.client.GET('/v1/widget/config'));
  }

  openConversation(): Promise<Session> {
    return settle(this.client.POST('/v1/widget/conversations'));
  }

  postMessage(session: Session, content: string): Promise<PostedMessage> {
    return settle(this.client.POST('/v1/widget/conversations/{id}/messages', { ...asVisitor(session), body: { content } }));
  }

  /** The messages after the one numbered `after`, oldest first, one page; with who is talking now. */
  listMessagesAfter(session: Session, after: number): Promise<MessagePage> {
    const { params, headers } = asVisitor(session);
    return settle(this.client.GET('/v1/widget/conversations/{id}/messages', { params: { ...params, query: { after } }, headers }));
  }

  requestHandoff(session: Session, request: HandoffRequest): Promise<unknown> {
    return settle(this.client.POST('/v1/widget/conversations/{id}/handoff', { ...asVisitor(session), body: request }));
  }
}

function asVisitor(session: Session) {
  return {
    params: { path: { id: session.conversationId } },
    headers: { Authorization: `Bearer ${session.visitorToken}` },
  };
}

/** The body of a call that succeeded, or throws its ApiFailure. */
async function settle<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiFailure('network');
  }
  if (!result.response.ok) throw toFailure(result.response, result.error);
  return result.data as T;
}

function toFailure(response: Response, body: unknown): ApiFailure {
  const code = typeof body === 'object' && body !== null ? (body as { code?: ErrorCode }).code : undefined;
  return new ApiFailure((code && KIND_BY_CODE[code]) ?? 'server', retryAfterMs(response));
}

function retryAfterMs(response: Response): number | undefined {
  const seconds = Number(response.headers.get('Retry-After'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}
