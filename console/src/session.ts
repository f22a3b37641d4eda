/**
 * The admin API key lives in this tab's session storage only: gone when the tab closes, never in
 * local storage, a cookie or a URL.
 */
const STORAGE_KEY = 'wilow-admin:api-key';

export function savedApiKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function saveApiKey(apiKey: string): void {
  sessionStorage.setItem(STORAGE_KEY, apiKey);
}

export function forgetApiKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
