import { Agent, ApiFailure, ConversationMode, HandoffRequest, Message, PostedMessage, Session, WidgetApi } from './api/client';
import { SessionStore } from './session-store';

export interface NewMessages {
  messages: Message[];
  mode: ConversationMode;
  /** The last agent who answered the open handoff, or null. */
  agent: Agent | null;
  /** The reads it took (one per page). */
  requests: number;
}

/**
 * The visitor's one conversation. It is opened on the first message (or handoff request), not on
 * page load, so page views that never chat create nothing; it is forgotten when the service no
 * longer knows it, and the next message opens a new one.
 */
export class VisitorConversation {
  private session: Session | undefined;
  private opening: Promise<Session> | undefined;
  /** The sequence of the last message read from the service in this session. */
  private readUpTo = 0;

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

  /**
   * The messages not read yet, oldest first, and who is talking now; undefined until the
   * conversation is opened. Each read asks only for what came after the last message read, page
   * after page until `nextAfter` is null; a read that fails part way is made again from the start.
   */
  async readNew(): Promise<NewMessages | undefined> {
    const messages: Message[] = [];
    let after = this.readUpTo;
    for (let requests = 1; this.session; requests++) {
      const session = this.session;
      const page = await this.withSession(() => this.api.listMessagesAfter(session, after));
      // The session was replaced meanwhile: the new one is read from its start.
      if (this.session !== session) return undefined;
      messages.push(...page.items);
      after = page.items.reduce((last, message) => Math.max(last, message.sequence), after);
      if (page.nextAfter === null) {
        this.readUpTo = after;
        return { messages, mode: page.mode, agent: page.agent, requests };
      }
    }
    return undefined;
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
        this.readUpTo = 0;
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
    this.readUpTo = 0;
    this.store.clear();
  }
}
