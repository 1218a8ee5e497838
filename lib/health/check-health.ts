import type { Db } from "@/db/client";
import { engineDetails } from "@/db/dialect";
import { users } from "@/db/schema";

/** Whether the database answers, and how fast: for /api/health and monitoring. */
export async function checkHealth(db: Db) {
  const started = performance.now();
  try {
    const count = await db.$count(users);
    const details = await engineDetails(db);
    return {
      ok: true as const,
      database: { status: "ok", ...details, users: count, latencyMs: +(performance.now() - started).toFixed(2) },
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
export async function healthResponse(db: Db, { details }: { details: boolean }) {
  const health = await checkHealth(db);
  const status = health.ok ? "ok" : "error";
  return {
    httpStatus: health.ok ? 200 : 503,
    body: details ? { status, database: health.database, time: new Date().toISOString() } : { status },
  };
}
