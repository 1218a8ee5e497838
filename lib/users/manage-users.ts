/**
 * Account changes. Each one is audited; password changes and disabling bump
 * the session version, so the account's open sessions stop working at once.
 *
 * Delegated administration: every change names its actor, and touches only
 * accounts of units in the actor's scope (lib/users/user-scope.ts) — in the SQL
 * `where` clause, so an id of another unit's account finds nothing ("userNotFound").
 */
import { and, eq, sql } from "drizzle-orm";
import { changedRows, returnedRow, firstRow, transaction, type Db } from "@/db/client";
import { bodies, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { clearFailures } from "@/lib/auth/throttle";
import type { CreateUserInput } from "@/lib/schemas/users";
import { generateOneTimePassword } from "./one-time-password";
import { unitInScope, userScope, type Actor } from "./user-scope";

export type { Actor };
export type UserChangeResult = { ok: true } | { ok: false; field?: string; code: string };

/**
 * A new account in a unit of the actor's scope. `mustChangePassword` (default
 * false: the admin typed the password and tells it in person) makes the user
 * pick their own at first sign-in.
 */
export async function createUser(db: Db, actor: Actor, input: CreateUserInput, options: { mustChangePassword?: boolean } = {}): Promise<UserChangeResult> {
  const bodyId = input.role === "organizer" ? input.bodyId : null;
  if (!unitInScope(actor, input.unitId)) return { ok: false, field: "unitId", code: "unitOutOfScope" };
  const passwordHash = await hashPassword(input.password);
  const mustChangePassword = options.mustChangePassword ?? false;
  // The checks and the insert in one immediate transaction: two admins creating one username get one account and one clear refusal.
  return await transaction(db, async (db): Promise<UserChangeResult> => {
    if (await firstRow(db.select({ id: users.id }).from(users).where(eq(users.username, input.username)))) {
      return { ok: false, field: "username", code: "usernameTaken" };
    }
    if (bodyId !== null) {
      const body = await firstRow(
        db
          .select({ id: bodies.id })
          .from(bodies)
          .where(and(eq(bodies.id, bodyId), eq(bodies.unitId, input.unitId))),
      );
      if (!body) return { ok: false, field: "bodyId", code: "bodyNotInUnit" };
    }
    const created = await returnedRow(
      db
        .insert(users)
        .values({ username: input.username, fullName: input.fullName, role: input.role, unitId: input.unitId, bodyId, passwordHash, mustChangePassword })
        .returning({ id: users.id }),
    );
    await recordAudit(db, {
      userId: actor.id,
      action: "create",
      entity: "user",
      entityId: created.id,
      after: { username: input.username, fullName: input.fullName, role: input.role, unitId: input.unitId, bodyId, mustChangePassword },
    });
    return { ok: true };
  });
}

/**
 * The admin's "reset password": a new one-time password, returned once to be
 * handed to the user (never stored in clear), who must change it at next
 * sign-in. Ends the account's sessions. `password` may be given (tests, seeds).
 */
export async function resetUserPassword(
  db: Db,
  actor: Actor,
  userId: number,
  password: string = generateOneTimePassword(),
): Promise<{ ok: true; password: string; username: string } | { ok: false; code: string }> {
  const passwordHash = await hashPassword(password);
  return await transaction(db, async (db) => {
    const changed = await firstRow(
      db
        .update(users)
        .set({ passwordHash, mustChangePassword: true, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
        .where(and(eq(users.id, userId), userScope(actor)))
        .returning({ username: users.username }),
    );
    if (!changed) return { ok: false as const, code: "userNotFound" };
    await recordAudit(db, { userId: actor.id, action: "reset_password", entity: "user", entityId: userId, after: { mustChangePassword: true } });
    return { ok: true as const, password, username: changed.username };
  });
}

export async function setUserDisabled(db: Db, actor: Actor, userId: number, disabled: boolean): Promise<UserChangeResult> {
  return await transaction(db, async (db) => {
    if (actor.id === userId) return { ok: false, code: "cannotDisableSelf" };
    const changed = changedRows(
      await db
        .update(users)
        .set({ disabled, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
        .where(and(eq(users.id, userId), userScope(actor))),
    );
    if (changed === 0) return { ok: false, code: "userNotFound" };
    await recordAudit(db, { userId: actor.id, action: disabled ? "disable" : "enable", entity: "user", entityId: userId, after: { disabled } });
    return { ok: true };
  });
}

/** The admin's "unlock sign-in": forgets the account's recent failed sign-ins, so its next attempt waits for nothing. */
export async function unlockSignIn(db: Db, actor: Actor, userId: number): Promise<UserChangeResult> {
  return await transaction(db, async (db) => {
    const user = await firstRow(
      db
        .select({ username: users.username })
        .from(users)
        .where(and(eq(users.id, userId), userScope(actor))),
    );
    if (!user) return { ok: false, code: "userNotFound" };
    const failures = await clearFailures(db, user.username);
    await recordAudit(db, { userId: actor.id, action: "unlock_sign_in", entity: "user", entityId: userId, before: { failures } });
    return { ok: true };
  });
}

/** The user's own change; it also ends "must change password" (a new or reset account). */
export async function changeOwnPassword(db: Db, userId: number, currentPassword: string, newPassword: string): Promise<UserChangeResult> {
  const user = await firstRow(db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)));
  if (!user) return { ok: false, code: "userNotFound" };
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    return { ok: false, field: "currentPassword", code: "currentPasswordWrong" };
  }
  if (currentPassword === newPassword) return { ok: false, field: "newPassword", code: "passwordUnchanged" };
  // Hashed before the write transaction: argon2 takes a while, and the write lane is shared.
  const passwordHash = await hashPassword(newPassword);
  return await transaction(db, async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, userId));
    await recordAudit(tx, { userId, action: "change_own_password", entity: "user", entityId: userId });
    return { ok: true };
  });
}
