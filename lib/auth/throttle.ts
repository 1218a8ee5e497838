/**
 * Sign-in throttle: at most MAX_FAILURES failed attempts per username and
 * address in WINDOW_MS. Kept in the database so that several server processes
 * share it (architecture.md: no state in server memory).
 */
import { and, count, eq, gt, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginAttempts } from "@/db/schema";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function isThrottled(db: Db, username: string, address: string, now = Date.now()): boolean {
  const [row] = db
    .select({ n: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.username, normalizeUsername(username)),
        eq(loginAttempts.address, address),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.attemptedAt, new Date(now - WINDOW_MS)),
      ),
    )
    .all();
  return (row?.n ?? 0) >= MAX_FAILURES;
}

export function recordAttempt(db: Db, username: string, address: string, succeeded: boolean, now = Date.now()): void {
  const name = normalizeUsername(username);
  db.transaction((tx) => {
    if (succeeded) {
      // A successful sign-in clears this address's failures for the user.
      tx.delete(loginAttempts)
        .where(and(eq(loginAttempts.username, name), eq(loginAttempts.address, address)))
        .run();
    } else {
      tx.insert(loginAttempts)
        .values({ username: name, address, succeeded, attemptedAt: new Date(now) })
        .run();
    }
    // Keep the table small.
    tx.delete(loginAttempts)
      .where(lt(loginAttempts.attemptedAt, new Date(now - WINDOW_MS)))
      .run();
  });
}
