import { and, asc, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bodies, units } from "@/db/schema";
import { unitReadScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";

/**
 * Units the user may see, province first, in their display order. `activeOnly`
 * leaves retired units out: for choices that make new data (a person's unit),
 * not for filters over history.
 */
export function listUnits(db: Db, user: SessionUser, options: { activeOnly?: boolean } = {}) {
  return db
    .select({ id: units.id, code: units.code, name: units.name, kind: units.kind, parentId: units.parentId })
    .from(units)
    .where(and(unitReadScope(user), options.activeOnly ? isNull(units.retiredAt) : undefined))
    .orderBy(asc(units.sortOrder), asc(units.name))
    .all();
}

/** Every unit with its organising bodies (for the admin's user form). */
export function listUnitsWithBodies(db: Db) {
  return db.query.units.findMany({
    orderBy: [asc(units.sortOrder), asc(units.name)],
    with: { bodies: { orderBy: [asc(bodies.id)] } },
  });
}
