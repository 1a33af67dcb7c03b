/**
 * The API key lives in sessionStorage only: it is gone when the browser tab closes, it is never
 * put in a URL (so never in history, a referrer or a server log) and never logged.
 */
const KEY = 'ledger.apiKey';

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(KEY, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY);
}
