/** The public widget API of the Wilow handoff service, as the widget uses it. */

export interface Message {
  id: string;
  /** 1, 2, 3… within the conversation: its order, and where the next read starts. */
  sequence: number;
  role: 'user' | 'assistant';
  content: string;
  /** The assistant offers a person under this message. */
  offerHandoff: boolean;
  /** ISO 8601, UTC. */
  createdAt: string;
}

/** What one incremental read returns at most: a full page means more may follow. */
export const MESSAGES_PER_READ = 100;

export interface Session {
  conversationId: string;
  visitorToken: string;
}

export interface WidgetConfig {
  handoff: { enabled: boolean };
}

export interface PostedMessage {
  message: Message;
  escalation: { detected: boolean; offerHandoff: boolean };
}

export interface HandoffRequest {
  visitorEmail?: string;
  reason?: string;
}

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
const KIND_BY_CODE: Record<string, FailureKind> = {
  RATE_LIMITED: 'rateLimited',
  HANDOFF_DISABLED: 'handoffDisabled',
  NO_DELIVERY_CHANNEL: 'noDeliveryChannel',
  VALIDATION_FAILED: 'invalid',
  // The stored conversation is gone or its token no longer matches: start a new one.
  NOT_FOUND: 'sessionLost',
};

interface RequestOptions {
  session?: Session;
  body?: unknown;
}

export class WidgetApi {
  constructor(
    private readonly baseUrl: string,
    private readonly widgetKey: string,
  ) {}

  config(): Promise<WidgetConfig> {
    return this.request('GET', '/v1/widget/config');
  }

  openConversation(): Promise<Session> {
    return this.request('POST', '/v1/widget/conversations');
  }

  postMessage(session: Session, content: string): Promise<PostedMessage> {
    return this.request('POST', `${conversationPath(session)}/messages`, { session, body: { content } });
  }

  /** The messages after the one numbered `after`, oldest first, at most MESSAGES_PER_READ. */
  async listMessagesAfter(session: Session, after: number): Promise<Message[]> {
    const path = `${conversationPath(session)}/messages?after=${after}`;
    const list = await this.request<{ items: Message[] }>('GET', path, { session });
    return list.items;
  }

  requestHandoff(session: Session, request: HandoffRequest): Promise<{ handoffId: string }> {
    return this.request('POST', `${conversationPath(session)}/handoff`, { session, body: request });
  }

  private async request<T>(method: string, path: string, { session, body }: RequestOptions = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: this.headers(session, body !== undefined),
        body: body === undefined ? undefined : JSON.stringify(body),
        // The widget key and visitor token identify the visitor; the customer's cookies never travel.
        credentials: 'omit',
      });
    } catch {
      throw new ApiFailure('network');
    }
    if (!response.ok) throw await toFailure(response);
    return (await response.json()) as T;
  }

  private headers(session: Session | undefined, hasBody: boolean): Record<string, string> {
    const headers: Record<string, string> = { 'X-Widget-Key': this.widgetKey };
    if (session) headers.Authorization = `Bearer ${session.visitorToken}`;
    if (hasBody) headers['Content-Type'] = 'application/json';
    return headers;
  }
}

function conversationPath(session: Session): string {
  return `/v1/widget/conversations/${encodeURIComponent(session.conversationId)}`;
}

async function toFailure(response: Response): Promise<ApiFailure> {
  const body = (await response.json().catch(() => ({}))) as { code?: string };
  const kind = KIND_BY_CODE[body.code ?? ''] ?? 'server';
  return new ApiFailure(kind, retryAfterMs(response));
}

function retryAfterMs(response: Response): number | undefined {
  const seconds = Number(response.headers.get('Retry-After'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}
