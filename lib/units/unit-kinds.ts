/**
 * Kinds of unit (tinh, xa, phuong, dac_khu…) are data: campaign requirements
 * and imports name them by key, people read their label. Global data: only the
 * root unit's admin changes them. A key never changes once made (requirements
 * and units refer to it); the label and order may.
 */
import { asc, eq, sql } from "drizzle-orm";
import { firstRow, transaction, type Db } from "@/db/client";
import { unitKinds, units } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { UnitKindInput } from "@/lib/schemas/units";
import { isRootAdmin, type UnitActor } from "./unit-actor";

export type UnitKindResult = { ok: true; created: boolean } | { ok: false; code: string; field?: string };

/** Every kind, in display order, with how many units (active or retired) are of it. */
export async function listUnitKinds(db: Db) {
  return await db
    .select({
      key: unitKinds.key,
      label: unitKinds.label,
      sortOrder: unitKinds.sortOrder,
      unitCount: sql<number>`(select count(*) from ${units} where ${units.kind} = ${unitKinds.key})`.mapWith(Number),
    })
    .from(unitKinds)
    .orderBy(asc(unitKinds.sortOrder), asc(unitKinds.label));
}

/** Creates a kind, or changes the label and order of an existing one (by key). */
export async function saveUnitKind(db: Db, actor: UnitActor, input: UnitKindInput): Promise<UnitKindResult> {
  if (!isRootAdmin(actor)) return { ok: false, code: "rootAdminOnly" };
  return await transaction(db, async (db): Promise<UnitKindResult> => {
    const existing = await firstRow(db.select().from(unitKinds).where(eq(unitKinds.key, input.key)));
    const clash = await firstRow(
      db
        .select({ key: unitKinds.key })
        .from(unitKinds)
        .where(sql`lower(${unitKinds.label}) = lower(${input.label}) and ${unitKinds.key} <> ${input.key}`),
    );
    if (clash) return { ok: false, code: "kindLabelTaken", field: "label" };
    if (existing) {
      await db.update(unitKinds).set({ label: input.label, sortOrder: input.sortOrder }).where(eq(unitKinds.key, input.key));
      await recordAudit(db, { userId: actor.id, action: "update", entity: "unit_kind", entityId: input.key, before: existing, after: input });
      return { ok: true, created: false };
    }
    await db.insert(unitKinds).values(input);
    await recordAudit(db, { userId: actor.id, action: "create", entity: "unit_kind", entityId: input.key, after: input });
    return { ok: true, created: true };
  });
}
