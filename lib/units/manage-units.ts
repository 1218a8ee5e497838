/**
 * Creating, editing (and moving), retiring and restoring units. Every change
 * is checked against the actor's scope in SQL, runs in one immediate
 * transaction and is audited. Retired units stay for history: old conferences
 * and reports still show them; they take no new conferences.
 */
import { and, eq, isNotNull, isNull, ne } from "drizzle-orm";
import { returnedRow, firstRow, transaction, type Db } from "@/db/client";
import { unitKinds, units } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { unitSubtree } from "@/lib/auth/session-user";
import type { UnitFormInput } from "@/lib/schemas/units";
import { changesRequiredKind, derivePlaceName, ownUnitIdentityChanged, unitWriteScope, type UnitActor, type UnitChangeResult } from "./unit-actor";

export type { UnitActor, UnitChangeResult };

/** A unit the actor may change, or nothing. */
export async function getWritableUnit(db: Db, actor: UnitActor, unitId: number) {
  return await firstRow(
    db
      .select()
      .from(units)
      .where(and(eq(units.id, unitId), unitWriteScope(actor))),
  );
}

async function kindLabel(db: Db, key: string): Promise<string | undefined> {
  return (await firstRow(db.select({ label: unitKinds.label }).from(unitKinds).where(eq(unitKinds.key, key))))?.label;
}

async function codeTaken(db: Db, code: string, exceptId?: number): Promise<boolean> {
  return !!(await firstRow(
    db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.code, code), exceptId ? ne(units.id, exceptId) : undefined)),
  ));
}

/** The parent a unit may be put under: in scope and not retired. */
async function checkParent(db: Db, actor: UnitActor, parentId: number): Promise<{ ok: false; code: string; field: string } | null> {
  const parent = await getWritableUnit(db, actor, parentId);
  if (!parent) return { ok: false, code: "parentOutOfScope", field: "parentId" };
  if (parent.retiredAt) return { ok: false, code: "parentRetired", field: "parentId" };
  return null;
}

/** A new unit under a parent the actor manages (the root unit exists from the first start: no second root). */
export async function createUnit(db: Db, actor: UnitActor, input: UnitFormInput): Promise<UnitChangeResult> {
  return await transaction(db, async (db): Promise<UnitChangeResult> => {
    if (input.parentId === null) return { ok: false, code: "parentRequired", field: "parentId" };
    const refusal = await checkParent(db, actor, input.parentId);
    if (refusal) return refusal;
    const label = await kindLabel(db, input.kind);
    if (label === undefined) return { ok: false, code: "unknownKind", field: "kind" };
    if (await changesRequiredKind(db, actor, null, input.kind)) return { ok: false, code: "requiredKindRootOnly", field: "kind" };
    if (await codeTaken(db, input.code)) return { ok: false, code: "codeTaken", field: "code" };
    const values = {
      code: input.code,
      name: input.name,
      kind: input.kind,
      placeName: input.placeName || derivePlaceName(input.name, label),
      parentId: input.parentId,
      sortOrder: input.sortOrder,
    };
    const created = await returnedRow(db.insert(units).values(values).returning({ id: units.id }));
    await recordAudit(db, { userId: actor.id, action: "create", entity: "unit", entityId: created.id, after: values });
    return { ok: true, id: created.id };
  });
}

/**
 * Code, name, kind, place name, order and parent. A new parent is a move: it
 * must be in the actor's scope, not retired, and not inside the unit itself.
 * The root unit stays the root.
 */
export async function updateUnit(db: Db, actor: UnitActor, unitId: number, input: UnitFormInput): Promise<UnitChangeResult> {
  return await transaction(db, async (db): Promise<UnitChangeResult> => {
    const unit = await getWritableUnit(db, actor, unitId);
    if (!unit) return { ok: false, code: "notFound" };
    if (ownUnitIdentityChanged(actor, unit, input)) return { ok: false, code: "ownUnitFixed", field: input.kind !== unit.kind ? "kind" : "code" };
    const label = await kindLabel(db, input.kind);
    if (label === undefined) return { ok: false, code: "unknownKind", field: "kind" };
    if (await changesRequiredKind(db, actor, unit.kind, input.kind)) return { ok: false, code: "requiredKindRootOnly", field: "kind" };
    if (await codeTaken(db, input.code, unit.id)) return { ok: false, code: "codeTaken", field: "code" };
    if (unit.parentId === null && input.parentId !== null) return { ok: false, code: "rootCannotMove", field: "parentId" };
    if (unit.parentId !== null && input.parentId === null) return { ok: false, code: "parentRequired", field: "parentId" };
    if (input.parentId !== null && input.parentId !== unit.parentId) {
      if ((await unitSubtree(db, unit.id)).includes(input.parentId)) return { ok: false, code: "cycle", field: "parentId" };
      const refusal = await checkParent(db, actor, input.parentId);
      if (refusal) return refusal;
    }
    const values = {
      code: input.code,
      name: input.name,
      kind: input.kind,
      placeName: input.placeName || derivePlaceName(input.name, label),
      parentId: input.parentId,
      sortOrder: input.sortOrder,
    };
    await db.update(units).set(values).where(eq(units.id, unit.id));
    const before = { code: unit.code, name: unit.name, kind: unit.kind, placeName: unit.placeName, parentId: unit.parentId, sortOrder: unit.sortOrder };
    await recordAudit(db, {
      userId: actor.id,
      action: input.parentId !== unit.parentId ? "move" : "update",
      entity: "unit",
      entityId: unit.id,
      before,
      after: values,
    });
    return { ok: true, id: unit.id };
  });
}

/**
 * Retires a unit: kept with its conferences and reports, takes no new
 * conferences. Not the root, not the actor's own unit, not while a unit under it is active.
 */
export async function retireUnit(db: Db, actor: UnitActor, unitId: number): Promise<UnitChangeResult> {
  return await transaction(db, async (db): Promise<UnitChangeResult> => {
    const unit = await getWritableUnit(db, actor, unitId);
    if (!unit) return { ok: false, code: "notFound" };
    if (unit.retiredAt) return { ok: false, code: "alreadyRetired" };
    if (unit.parentId === null) return { ok: false, code: "cannotRetireRoot" };
    if (unit.id === actor.unitId) return { ok: false, code: "cannotRetireOwn" };
    const activeChild = await firstRow(
      db
        .select({ id: units.id })
        .from(units)
        .where(and(eq(units.parentId, unit.id), isNull(units.retiredAt))),
    );
    if (activeChild) return { ok: false, code: "hasActiveChildren" };
    const retiredAt = new Date();
    await db.update(units).set({ retiredAt }).where(eq(units.id, unit.id));
    await recordAudit(db, { userId: actor.id, action: "retire", entity: "unit", entityId: unit.id, before: { retiredAt: null }, after: { retiredAt } });
    return { ok: true, id: unit.id };
  });
}

/** Brings a retired unit back (not one merged into another: its data has moved). Its parent must be active. */
export async function restoreUnit(db: Db, actor: UnitActor, unitId: number): Promise<UnitChangeResult> {
  return await transaction(db, async (db): Promise<UnitChangeResult> => {
    const unit = await getWritableUnit(db, actor, unitId);
    if (!unit) return { ok: false, code: "notFound" };
    if (!unit.retiredAt) return { ok: false, code: "notRetired" };
    if (unit.mergedIntoId !== null) return { ok: false, code: "mergedCannotRestore" };
    if (
      unit.parentId !== null &&
      (await firstRow(
        db
          .select({ id: units.id })
          .from(units)
          .where(and(eq(units.id, unit.parentId), isNotNull(units.retiredAt))),
      ))
    ) {
      return { ok: false, code: "parentRetired" };
    }
    await db.update(units).set({ retiredAt: null }).where(eq(units.id, unit.id));
    await recordAudit(db, {
      userId: actor.id,
      action: "restore",
      entity: "unit",
      entityId: unit.id,
      before: { retiredAt: unit.retiredAt },
      after: { retiredAt: null },
    });
    return { ok: true, id: unit.id };
  });
}
