/** Checks a username and password, with the throttle. Used by next-auth's authorize(). */
import { eq } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { users } from "@/db/schema";
import { dummyPasswordHash, verifyPassword } from "./password";
import { admitAttempt, normalizeUsername, recordSuccess } from "./throttle";

export type AuthenticateResult =
  | { ok: true; user: typeof users.$inferSelect }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "throttled" | "addressThrottled"; retryAfterSeconds: number };

/** `address` is the client's real address, or null when it is not known (see lib/auth/client-address.ts). */
export async function authenticate(db: Db, username: string, password: string, address: string | null, now = Date.now()): Promise<AuthenticateResult> {
  const name = normalizeUsername(username);
  const verdict = await admitAttempt(db, name, address, now);
  if (!verdict.allowed) {
    return { ok: false, reason: verdict.reason === "address" ? "addressThrottled" : "throttled", retryAfterSeconds: verdict.retryAfterSeconds };
  }

  const user = await firstRow(db.select().from(users).where(eq(users.username, name)));
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  // admitAttempt already counted this attempt as a failure.
  if (!user || !valid) return { ok: false, reason: "invalid" };
  await recordSuccess(db, name);
  if (user.disabled) return { ok: false, reason: "disabled" };
  return { ok: true, user };
}
