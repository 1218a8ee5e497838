import { and, asc, eq, isNull } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { bodies, units } from "@/db/schema";
import { unitReadScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";

/**
 * Units the user may see, province first, in their display order. `activeOnly`
 * leaves retired units out: for choices that make new data (a person's unit),
 * not for filters over history.
 */
export async function listUnits(db: Db, user: SessionUser, options: { activeOnly?: boolean } = {}) {
  return await db
    .select({ id: units.id, code: units.code, name: units.name, kind: units.kind, parentId: units.parentId })
    .from(units)
    .where(and(unitReadScope(user), options.activeOnly ? isNull(units.retiredAt) : undefined))
    .orderBy(asc(units.sortOrder), asc(units.name));
}

/** Every unit with its organising bodies (for the admin's user form). */
export function listUnitsWithBodies(db: Db) {
  return db.query.units.findMany({
    orderBy: [asc(units.sortOrder), asc(units.name)],
    with: { bodies: { orderBy: [asc(bodies.id)] } },
  });
}

/**
 * A unit's place in the reorganisations (2025 reform): the units merged into it, and the unit it
 * was merged into, each as far as the user may see them. Reports show both, so that a report of
 * the receiving unit says where its older conferences came from.
 */
export async function mergeHistory(db: Db, user: SessionUser, unit: { id: number; mergedIntoId: number | null }) {
  const mergedFrom = await db
    .select({ code: units.code, name: units.name })
    .from(units)
    .where(and(unitReadScope(user), eq(units.mergedIntoId, unit.id)))
    .orderBy(asc(units.name));
  const mergedInto =
    unit.mergedIntoId === null
      ? null
      : ((await firstRow(
          db
            .select({ code: units.code, name: units.name })
            .from(units)
            .where(and(unitReadScope(user), eq(units.id, unit.mergedIntoId))),
        )) ?? null);
  return { mergedFrom, mergedInto };
}
