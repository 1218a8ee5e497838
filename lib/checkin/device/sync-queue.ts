/**
 * The queue's way to the server (browser only): queued scans go in batches of one site, oldest
 * device time first, to POST /api/checkin/batch, which answers each item by its nonce (a batch
 * sent twice changes nothing). What the answer means for each stored scan is decided here.
 */
import type { ScanResult } from "@/lib/checkin/shared/scan-result";
import type { StoredScan } from "./door-store";
import { postJson, refusalMessage } from "./transport";

export const BATCH_SIZE = 200;
const BATCH_TIMEOUT_MS = 30_000;

type ItemOutcome = { nonce: string | null; ok: true; result?: ScanResult } | { nonce: string | null; ok: false; error: string; message: string };

/** The next batch: the oldest queued scan's site, at most BATCH_SIZE of its scans, oldest first. */
export function nextBatch(queued: StoredScan[]): { siteId: number; batch: StoredScan[] } | null {
  const sorted = [...queued].sort((a, b) => a.item.scannedAt - b.item.scannedAt);
  if (sorted.length === 0) return null;
  const siteId = sorted[0].siteId;
  return { siteId, batch: sorted.filter((s) => s.siteId === siteId).slice(0, BATCH_SIZE) };
}

/**
 * The stored scans after the server's answer. A rejected item leaves the queue and stays in the
 * sync results with its reason; one the server failed on ("failed") can be sent again by hand
 * (retry), never resent by itself. A recorded one keeps the server's verdict when it differs.
 */
export function applyOutcomes(batch: StoredScan[], results: ItemOutcome[], now: number): StoredScan[] {
  return batch.map((scan, i): StoredScan => {
    const outcome = results[i];
    if (!outcome?.ok) return { ...scan, state: "rejected", rejection: outcome?.message ?? "", retryable: outcome?.error === "failed", syncedAt: now };
    const differs = outcome.result && outcome.result.verdict !== scan.shown.verdict;
    return { ...scan, state: "synced", syncedAt: now, ...(differs ? { serverResult: outcome.result } : {}) };
  });
}

export type BatchAnswer =
  | { kind: "recorded"; updated: StoredScan[]; at: number }
  /** 401: the session is gone; the scans stay queued until the cadre signs in again. */
  | { kind: "session_expired" }
  /** 5xx: the server (or the network before it) failed; the scans stay queued. */
  | { kind: "server_error" }
  /** 403/404…: the server refused the whole batch (said to the door staff); the scans stay queued. */
  | { kind: "refused"; message: string | undefined };

/** Sends one batch. A network failure throws (the caller goes offline); nothing is written here. */
export async function sendBatch(siteId: number, batch: StoredScan[]): Promise<BatchAnswer> {
  const response = await postJson("/api/checkin/batch", { siteId, items: batch.map((s) => s.item) }, BATCH_TIMEOUT_MS);
  if (response.status === 401) return { kind: "session_expired" };
  if (response.status >= 500) return { kind: "server_error" };
  if (!response.ok) return { kind: "refused", message: await refusalMessage(response) };
  const { results } = (await response.json()) as { results: ItemOutcome[] };
  const at = Date.now();
  return { kind: "recorded", updated: applyOutcomes(batch, results, at), at };
}
