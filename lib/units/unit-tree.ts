/** The units an admin manages, for the tree page and the edit form: in scope, with counts. */
import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { firstRow, type Db } from "@/db/client";
import { bodies, unitKinds, units, users } from "@/db/schema";
import { unitWriteScope, type UnitActor } from "./unit-actor";

const mergedInto = alias(units, "merged_into");
const parentUnit = alias(units, "parent_unit");

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

export async function listUnitTree(db: Db, actor: UnitActor): Promise<UnitTreeRow[]> {
  return (
    await db
      .select({
        id: units.id,
        code: units.code,
        name: units.name,
        kind: units.kind,
        kindLabel: sql<string>`coalesce(${unitKinds.label}, ${units.kind})`,
        placeName: units.placeName,
        parentId: units.parentId,
        sortOrder: units.sortOrder,
        retired: sql<number>`${units.retiredAt} is not null`.mapWith(Number),
        mergedIntoName: mergedInto.name,
        bodyCount: sql<number>`(select count(*) from ${bodies} where ${bodies.unitId} = ${units.id} and ${bodies.retiredAt} is null)`.mapWith(Number),
        userCount: sql<number>`(select count(*) from ${users} where ${users.unitId} = ${units.id} and not ${users.disabled})`.mapWith(Number),
      })
      .from(units)
      .leftJoin(unitKinds, eq(unitKinds.key, units.kind))
      .leftJoin(mergedInto, eq(mergedInto.id, units.mergedIntoId))
      .where(unitWriteScope(actor))
      .orderBy(asc(units.sortOrder), asc(units.name))
  ).map((r) => ({ ...r, retired: Boolean(r.retired) }));
}

/** One unit for its edit page, if the actor manages it. */
export async function getUnitForEdit(db: Db, actor: UnitActor, unitId: number) {
  return await firstRow(
    db
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
        parentName: parentUnit.name,
      })
      .from(units)
      .leftJoin(mergedInto, eq(mergedInto.id, units.mergedIntoId))
      .leftJoin(parentUnit, eq(parentUnit.id, units.parentId))
      .where(and(eq(units.id, unitId), unitWriteScope(actor))),
  );
}

/**
 * The rows in tree order (depth first, in display order), each labelled with its
 * depth for a <select>; retired units and the subtree of `excludeId` left out.
 */
export function indentedUnitOptions(rows: UnitTreeRow[], excludeId?: number): { id: number; label: string }[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<number | null, UnitTreeRow[]>();
  for (const r of rows) {
    const parent = r.parentId !== null && ids.has(r.parentId) ? r.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const out: { id: number; label: string }[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      if (r.retired || r.id === excludeId) continue;
      out.push({ id: r.id, label: `${"\u00a0\u00a0\u00a0".repeat(depth)}${depth > 0 ? "└ " : ""}${r.name} (${r.code})` });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
