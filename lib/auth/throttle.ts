/**
 * Sign-in throttle (docs/decisions/0014-sign-in-throttle.md). Two rules, kept in
 * the database so that several server processes share them:
 *
 * - per username: after FREE_FAILURES failures, each further attempt for that
 *   username waits 2, 4, 8 … seconds after the last failure, never more than
 *   MAX_DELAY_SECONDS. It slows guessing; it never locks the real user out.
 * - per address, only when the client's real address is known: more than
 *   ADDRESS_MAX_FAILURES failures from one address in WINDOW_MS refuse that
 *   address for the rest of the window (one source guessing many usernames).
 *
 * An attempt that is let through is counted as a failure before the password is
 * checked, in the same immediate transaction as the check, so that parallel
 * requests cannot all slip through one opening; a success deletes the
 * username's failures. Refused attempts are not counted: hammering a waiting
 * username does not make the wait longer.
 */
import { and, count, desc, eq, gt, lt, max } from "drizzle-orm";
import { changedRows, firstRow, transaction, type Db, type Tx } from "@/db/client";
import { loginAttempts } from "@/db/schema";

export const FREE_FAILURES = 3;
export const MAX_DELAY_SECONDS = 30;
export const ADDRESS_MAX_FAILURES = 20;
export const WINDOW_MS = 15 * 60 * 1000;

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** How long the next attempt waits after `failures` recent failures of one username. */
export function usernameDelaySeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES + 1), MAX_DELAY_SECONDS);
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; reason: "username" | "address"; retryAfterSeconds: number };

/** The username's failures in the window, and when the last one was. */
export async function recentFailures(db: Db, username: string, now = Date.now()) {
  const row = await firstRow(
    db
      .select({ n: count(), last: max(loginAttempts.attemptedAt) })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.username, normalizeUsername(username)), gt(loginAttempts.attemptedAt, new Date(now - WINDOW_MS)))),
  );
  return { count: row?.n ?? 0, lastAt: row?.last ? new Date(row.last).getTime() : null };
}

async function addressVerdict(db: Db, address: string, now: number): Promise<ThrottleVerdict> {
  // The ADDRESS_MAX_FAILURES-th newest failure in the window: while it is in the window, the address waits.
  const row = await firstRow(
    db
      .select({ at: loginAttempts.attemptedAt })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.address, address), gt(loginAttempts.attemptedAt, new Date(now - WINDOW_MS))))
      .orderBy(desc(loginAttempts.attemptedAt))
      .limit(1)
      .offset(ADDRESS_MAX_FAILURES - 1),
  );
  if (!row) return { allowed: true };
  return { allowed: false, reason: "address", retryAfterSeconds: Math.max(1, Math.ceil((row.at.getTime() + WINDOW_MS - now) / 1000)) };
}

async function usernameVerdict(db: Db, username: string, now: number): Promise<ThrottleVerdict> {
  const { count: failures, lastAt } = await recentFailures(db, username, now);
  const delayMs = usernameDelaySeconds(failures) * 1000;
  // Never more than the delay itself, even if the clock went back after the last failure.
  const waitMs = lastAt === null ? 0 : Math.min(lastAt + delayMs - now, delayMs);
  if (waitMs <= 0) return { allowed: true };
  return { allowed: false, reason: "username", retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/**
 * Decides whether this attempt may check a password and, if so, counts it as a
 * failure at once (recordSuccess takes it back). `address` is null when the
 * client's real address is not known: then only the per-username rule applies.
 */
export async function admitAttempt(db: Db, username: string, address: string | null, now = Date.now()): Promise<ThrottleVerdict> {
  const name = normalizeUsername(username);
  return await transaction(db, async (db) => {
    if (address !== null) {
      const verdict = await addressVerdict(db, address, now);
      if (!verdict.allowed) return verdict;
    }
    const verdict = await usernameVerdict(db, name, now);
    if (!verdict.allowed) return verdict;
    await db.insert(loginAttempts).values({ username: name, address, attemptedAt: new Date(now) });
    // Keep the table small.
    await db.delete(loginAttempts).where(lt(loginAttempts.attemptedAt, new Date(now - WINDOW_MS)));
    return verdict;
  });
}

/** The right password: the username's failures are forgotten. */
export async function recordSuccess(db: Db, username: string): Promise<void> {
  await clearFailures(db, username);
}

/** Deletes the username's failures; returns how many there were. Also the admin's "unlock". */
export async function clearFailures(db: Db | Tx, username: string): Promise<number> {
  return await transaction(db, async (tx) => changedRows(await tx.delete(loginAttempts).where(eq(loginAttempts.username, normalizeUsername(username)))));
}

/** Recent failures per username, for the admin's user list. */
export async function recentFailureCounts(db: Db, now = Date.now()): Promise<Map<string, number>> {
  const rows = await db
    .select({ username: loginAttempts.username, n: count() })
    .from(loginAttempts)
    .where(gt(loginAttempts.attemptedAt, new Date(now - WINDOW_MS)))
    .groupBy(loginAttempts.username);
  return new Map(rows.map((r) => [r.username, r.n]));
}
