/**
 * The admin API key lives in this tab's session storage only: gone when the tab closes, never in
 * local storage, a cookie or a URL. The name an admin answers visitors with is kept beside it,
 * for the same session.
 */
const STORAGE_KEY = 'wilow-admin:api-key';
const REPLY_NAME_KEY = 'wilow-admin:reply-name';

export function savedApiKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function saveApiKey(apiKey: string): void {
  sessionStorage.setItem(STORAGE_KEY, apiKey);
}

/** Signing out forgets the key and the name: the next admin in this tab starts afresh. */
export function forgetSession(): void {
  sessionStorage.removeItem(STORAGE_KEY);
  sessionStorage.removeItem(REPLY_NAME_KEY);
}

export function savedReplyName(): string {
  return sessionStorage.getItem(REPLY_NAME_KEY) ?? '';
}

export function saveReplyName(name: string): void {
  sessionStorage.setItem(REPLY_NAME_KEY, name);
}
