/**
 * Account changes. Each one is audited; password changes and disabling bump
 * the session version, so the account's open sessions stop working at once.
 */
import { and, eq, sql } from "drizzle-orm";
import { immediateTransaction, type Db } from "@/db/client";
import { bodies, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { clearFailures } from "@/lib/auth/throttle";
import type { CreateUserInput } from "@/lib/schemas/users";

export type UserChangeResult = { ok: true } | { ok: false; field?: string; code: string };

export async function createUser(db: Db, actorId: number, input: CreateUserInput): Promise<UserChangeResult> {
  const bodyId = input.role === "organizer" ? input.bodyId : null;
  const passwordHash = await hashPassword(input.password);
  // The checks and the insert in one immediate transaction: two admins creating one username get one account and one clear refusal.
  return immediateTransaction(db, (): UserChangeResult => {
    if (db.select({ id: users.id }).from(users).where(eq(users.username, input.username)).get()) {
      return { ok: false, field: "username", code: "usernameTaken" };
    }
    if (bodyId !== null) {
      const body = db.select({ id: bodies.id }).from(bodies).where(and(eq(bodies.id, bodyId), eq(bodies.unitId, input.unitId))).get();
      if (!body) return { ok: false, field: "bodyId", code: "bodyNotInUnit" };
    }
    const created = db
      .insert(users)
      .values({ username: input.username, fullName: input.fullName, role: input.role, unitId: input.unitId, bodyId, passwordHash })
      .returning({ id: users.id })
      .get();
    recordAudit(db, {
      userId: actorId,
      action: "create",
      entity: "user",
      entityId: created.id,
      after: { username: input.username, fullName: input.fullName, role: input.role, unitId: input.unitId, bodyId },
    });
    return { ok: true };
  });
}

export async function resetUserPassword(db: Db, actorId: number, userId: number, password: string): Promise<UserChangeResult> {
  const passwordHash = await hashPassword(password);
  const changed = db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .run().changes;
  if (changed === 0) return { ok: false, code: "userNotFound" };
  recordAudit(db, { userId: actorId, action: "reset_password", entity: "user", entityId: userId });
  return { ok: true };
}

export function setUserDisabled(db: Db, actorId: number, userId: number, disabled: boolean): UserChangeResult {
  if (actorId === userId) return { ok: false, code: "cannotDisableSelf" };
  const changed = db
    .update(users)
    .set({ disabled, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .run().changes;
  if (changed === 0) return { ok: false, code: "userNotFound" };
  recordAudit(db, { userId: actorId, action: disabled ? "disable" : "enable", entity: "user", entityId: userId, after: { disabled } });
  return { ok: true };
}

/** The admin's "unlock sign-in": forgets the account's recent failed sign-ins, so its next attempt waits for nothing. */
export function unlockSignIn(db: Db, actorId: number, userId: number): UserChangeResult {
  return immediateTransaction(db, () => {
    const user = db.select({ username: users.username }).from(users).where(eq(users.id, userId)).get();
    if (!user) return { ok: false, code: "userNotFound" };
    const failures = clearFailures(db, user.username);
    recordAudit(db, { userId: actorId, action: "unlock_sign_in", entity: "user", entityId: userId, before: { failures } });
    return { ok: true };
  });
}

export async function changeOwnPassword(db: Db, userId: number, currentPassword: string, newPassword: string): Promise<UserChangeResult> {
  const user = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).get();
  if (!user) return { ok: false, code: "userNotFound" };
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    return { ok: false, field: "currentPassword", code: "currentPasswordWrong" };
  }
  const passwordHash = await hashPassword(newPassword);
  db.update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .run();
  recordAudit(db, { userId, action: "change_own_password", entity: "user", entityId: userId });
  return { ok: true };
}
