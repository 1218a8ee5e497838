import type { Db } from "@/db/client";

/** Whether the database answers, and how fast: for /api/health and monitoring. */
export function checkHealth(db: Db) {
  const started = performance.now();
  try {
    const row = db.$client.prepare("select count(*) as n from users").get() as { n: number };
    const journalMode = db.$client.pragma("journal_mode", { simple: true });
    return {
      ok: true as const,
      database: { status: "ok", journalMode, users: row.n, latencyMs: +(performance.now() - started).toFixed(2) },
    };
  } catch (error) {
    return { ok: false as const, database: { status: "error", error: error instanceof Error ? error.message : String(error) } };
  }
}
