/**
 * How the door device talks to the server (browser only): every request has a deadline, and
 * one slower than ONLINE_TIMEOUT_MS counts as a dropped network (docs/decisions/0009-offline-door.md).
 * Never cached: the door's data lives in IndexedDB (door-store.ts), not in the HTTP cache.
 */

/** A request slower than this counts as a dropped network: the device answers itself. */
export const ONLINE_TIMEOUT_MS = 2500;

export async function request(url: string, init: RequestInit = {}, timeout = ONLINE_TIMEOUT_MS): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  try {
    return await fetch(url, { ...init, signal: controller.signal, cache: "no-store" });
  } finally {
    clearTimeout(timer);
  }
}

export const postJson = (url: string, body: unknown, timeout?: number) =>
  request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }, timeout);

/** The message of a refusal's JSON body, if it has one. */
export const refusalMessage = async (response: Response): Promise<string | undefined> =>
  ((await response.json().catch(() => ({}))) as { message?: string }).message;

/** This device's name in the logs, made once and kept in localStorage. */
export function deviceId(): string {
  const key = "quan-triet-device";
  let id = localStorage.getItem(key);
  if (!id) {
    id = `may-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
    localStorage.setItem(key, id);
  }
  return id;
}
