/** The units an admin manages, for the tree page and the edit form: in scope, with counts. */
import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "@/db/client";
import { bodies, unitKinds, units, users } from "@/db/schema";
import { unitWriteScope, type UnitActor } from "./unit-actor";

const mergedInto = alias(units, "merged_into");

export interface UnitTreeRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  kindLabel: string;
  placeName: string;
  parentId: number | null;
  sortOrder: number;
  retired: boolean;
  mergedIntoName: string | null;
  bodyCount: number;
  userCount: number;
}

export function listUnitTree(db: Db, actor: UnitActor): UnitTreeRow[] {
  return db
    .select({
      id: units.id,
      code: units.code,
      name: units.name,
      kind: units.kind,
      kindLabel: sql<string>`coalesce(${unitKinds.label}, ${units.kind})`,
      placeName: units.placeName,
      parentId: units.parentId,
      sortOrder: units.sortOrder,
      retired: sql<number>`${units.retiredAt} is not null`,
      mergedIntoName: mergedInto.name,
      bodyCount: sql<number>`(select count(*) from ${bodies} where ${bodies.unitId} = ${units.id} and ${bodies.retiredAt} is null)`,
      userCount: sql<number>`(select count(*) from ${users} where ${users.unitId} = ${units.id} and ${users.disabled} = 0)`,
    })
    .from(units)
    .leftJoin(unitKinds, eq(unitKinds.key, units.kind))
    .leftJoin(mergedInto, eq(mergedInto.id, units.mergedIntoId))
    .where(unitWriteScope(actor))
    .orderBy(asc(units.sortOrder), asc(units.name))
    .all()
    .map((r) => ({ ...r, retired: Boolean(r.retired) }));
}

/** One unit for its edit page, if the actor manages it. */
export function getUnitForEdit(db: Db, actor: UnitActor, unitId: number) {
  return db
    .select({
      id: units.id,
      code: units.code,
      name: units.name,
      kind: units.kind,
      placeName: units.placeName,
      parentId: units.parentId,
      sortOrder: units.sortOrder,
      retiredAt: units.retiredAt,
      mergedIntoId: units.mergedIntoId,
      mergedIntoName: mergedInto.name,
    })
    .from(units)
    .leftJoin(mergedInto, eq(mergedInto.id, units.mergedIntoId))
    .where(and(eq(units.id, unitId), unitWriteScope(actor)))
    .get();
}
