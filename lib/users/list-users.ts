import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bodies, units, users } from "@/db/schema";
import { inUnitScope } from "@/lib/auth/scope";
import { userScope, type Actor } from "./user-scope";

/** The accounts the admin manages: of their unit and below (the root unit's admin: all). */
export async function listUsers(db: Db, actor: Actor) {
  return await db
    .select({
      id: users.id,
      username: users.username,
      fullName: users.fullName,
      role: users.role,
      disabled: users.disabled,
      mustChangePassword: users.mustChangePassword,
      unitName: units.name,
      bodyName: bodies.name,
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .leftJoin(bodies, eq(bodies.id, users.bodyId))
    .where(userScope(actor))
    .orderBy(asc(units.sortOrder), asc(users.username));
}

/** The units (with their bodies) an admin may give an account: those in scope, not retired. */
export async function listAccountUnits(db: Db, actor: Actor) {
  const unitRows = await db
    .select({ id: units.id, code: units.code, name: units.name })
    .from(units)
    .where(and(inUnitScope(actor, units.id), isNull(units.retiredAt)))
    .orderBy(asc(units.sortOrder), asc(units.name));
  const bodyRows = await db
    .select({ id: bodies.id, name: bodies.name, unitId: bodies.unitId })
    .from(bodies)
    .where(and(inUnitScope(actor, bodies.unitId), isNull(bodies.retiredAt)))
    .orderBy(asc(bodies.id));
  return unitRows.map((u) => ({ ...u, bodies: bodyRows.filter((b) => b.unitId === u.id).map((b) => ({ id: b.id, name: b.name })) }));
}
