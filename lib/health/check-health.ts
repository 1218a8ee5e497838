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

/**
 * What /api/health answers: up or down for anyone (load balancers, the door
 * devices, Playwright's readiness poll); the database details (counts, journal
 * mode, error text) only for an admin.
 */
export function healthResponse(db: Db, { details }: { details: boolean }) {
  const health = checkHealth(db);
  const status = health.ok ? "ok" : "error";
  return {
    httpStatus: health.ok ? 200 : 503,
    body: details ? { status, database: health.database, time: new Date().toISOString() } : { status },
  };
}
