/** Checks a username and password, with the throttle. Used by next-auth's authorize(). */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { dummyPasswordHash, verifyPassword } from "./password";
import { isThrottled, normalizeUsername, recordAttempt } from "./throttle";

export type AuthenticateResult =
  | { ok: true; user: typeof users.$inferSelect }
  | { ok: false; reason: "throttled" | "invalid" | "disabled" };

export async function authenticate(
  db: Db,
  username: string,
  password: string,
  address: string,
): Promise<AuthenticateResult> {
  const name = normalizeUsername(username);
  if (isThrottled(db, name, address)) return { ok: false, reason: "throttled" };

  const user = db.select().from(users).where(eq(users.username, name)).get();
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !valid) {
    recordAttempt(db, name, address, false);
    return { ok: false, reason: "invalid" };
  }
  recordAttempt(db, name, address, true);
  if (user.disabled) return { ok: false, reason: "disabled" };
  return { ok: true, user };
}
