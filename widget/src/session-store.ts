import { Session } from './api/client';

/**
 * Keeps the visitor's conversation id and token in localStorage, per widget key, so the chat
 * survives a reload. Storage can be unavailable (blocked cookies, some private modes): the chat then
 * lasts as long as the page does.
 */
export class SessionStore {
  private readonly key: string;

  constructor(widgetKey: string) {
    this.key = `wilow-widget:${widgetKey}:session`;
  }

  load(): Session | undefined {
    try {
      const stored = JSON.parse(localStorage.getItem(this.key) ?? 'null') as Partial<Session> | null;
      return stored?.conversationId && stored.visitorToken
        ? { conversationId: stored.conversationId, visitorToken: stored.visitorToken }
        : undefined;
    } catch {
      return undefined;
    }
  }

  save(session: Session): void {
    this.attempt(() => localStorage.setItem(this.key, JSON.stringify(session)));
  }

  clear(): void {
    this.attempt(() => localStorage.removeItem(this.key));
  }

  private attempt(write: () => void): void {
    try {
      write();
    } catch {
      // Storage unavailable or full: the session stays in memory for this page.
    }
  }
}
