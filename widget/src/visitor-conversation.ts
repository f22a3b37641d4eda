import { ApiFailure, HandoffRequest, Message, PostedMessage, Session, WidgetApi } from './api';
import { SessionStore } from './session-store';

/**
 * The visitor's one conversation. It is opened on the first message (or handoff request), not on
 * page load, so page views that never chat create nothing; it is forgotten when the service no
 * longer knows it, and the next message opens a new one.
 */
export class VisitorConversation {
  private session: Session | undefined;
  private opening: Promise<Session> | undefined;

  constructor(
    private readonly api: WidgetApi,
    private readonly store: SessionStore,
  ) {
    this.session = store.load();
  }

  get started(): boolean {
    return this.session !== undefined;
  }

  send(content: string): Promise<PostedMessage> {
    return this.withSession((session) => this.api.postMessage(session, content));
  }

  /** The transcript, oldest first; empty until the conversation is opened. */
  async messages(): Promise<Message[]> {
    return this.session ? this.withSession((session) => this.api.listMessages(session)) : [];
  }

  requestHandoff(request: HandoffRequest): Promise<unknown> {
    return this.withSession((session) => this.api.requestHandoff(session, request));
  }

  private async withSession<T>(call: (session: Session) => Promise<T>): Promise<T> {
    const session = await this.ensureSession();
    try {
      return await call(session);
    } catch (error) {
      if (error instanceof ApiFailure && error.kind === 'sessionLost') this.forget(session);
      throw error;
    }
  }

  /** One conversation even when the visitor acts twice before the first open returns. */
  private ensureSession(): Promise<Session> {
    if (this.session) return Promise.resolve(this.session);
    this.opening ??= this.api.openConversation().then(
      (session) => {
        this.session = session;
        this.store.save(session);
        this.opening = undefined;
        return session;
      },
      (error: unknown) => {
        this.opening = undefined;
        throw error;
      },
    );
    return this.opening;
  }

  private forget(session: Session): void {
    if (this.session !== session) return;
    this.session = undefined;
    this.store.clear();
  }
}
