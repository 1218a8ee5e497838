/**
 * Changes to organising bodies: create, edit, retire, restore. Each is audited
 * and touches only bodies of units in the actor's scope, in the `where` clause.
 * Retired bodies stay (old conferences, letters and reports name them).
 */
import { and, eq, isNotNull, isNull, ne } from "drizzle-orm";
import { changedRows, returnedRow, firstRow, transaction, type Db } from "@/db/client";
import { bodies, bodyKinds, units } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import type { CreateBodyInput, UpdateBodyInput } from "@/lib/schemas/bodies";
import { bodyScope, bodyUnitScope, mayManageBodies, type BodyChangeResult } from "./body-access";

async function kindExists(db: Db, kind: string): Promise<boolean> {
  return (await firstRow(db.select({ key: bodyKinds.key }).from(bodyKinds).where(eq(bodyKinds.key, kind)))) !== undefined;
}

export async function createBody(db: Db, actor: SessionUser, input: CreateBodyInput): Promise<BodyChangeResult<{ id: number }>> {
  if (!mayManageBodies(actor)) return { ok: false, code: "forbidden" };
  return await transaction(db, async (db): Promise<BodyChangeResult<{ id: number }>> => {
    const unit = await firstRow(
      db
        .select({ id: units.id, retiredAt: units.retiredAt })
        .from(units)
        .where(and(eq(units.id, input.unitId), bodyUnitScope(actor))),
    );
    if (!unit) return { ok: false, code: "notFound" };
    if (unit.retiredAt) return { ok: false, field: "unitId", code: "unitRetired" };
    if (!(await kindExists(db, input.kind))) return { ok: false, field: "kind", code: "kindUnknown" };
    if (
      await firstRow(
        db
          .select({ id: bodies.id })
          .from(bodies)
          .where(and(eq(bodies.unitId, input.unitId), eq(bodies.name, input.name))),
      )
    ) {
      return { ok: false, field: "name", code: "nameTaken" };
    }
    const values = { unitId: input.unitId, ...editableFields(input) };
    const created = await returnedRow(db.insert(bodies).values(values).returning({ id: bodies.id }));
    await recordAudit(db, { userId: actor.id, action: "create", entity: "body", entityId: created.id, after: values });
    return { ok: true, id: created.id };
  });
}

/** What an admin edits on a body: its name and kind, the letters' heading and default signature block. */
function editableFields(b: Omit<UpdateBodyInput, "bodyId">) {
  const { kind, name, symbol, parentLine, headingName, signForm, signFor, signerTitle, signerName } = b;
  return { kind, name, symbol, parentLine, headingName, signForm, signFor, signerTitle, signerName };
}

export async function updateBody(db: Db, actor: SessionUser, input: UpdateBodyInput): Promise<BodyChangeResult> {
  if (!mayManageBodies(actor)) return { ok: false, code: "forbidden" };
  return await transaction(db, async (db): Promise<BodyChangeResult> => {
    const before = await firstRow(
      db
        .select()
        .from(bodies)
        .where(and(eq(bodies.id, input.bodyId), bodyScope(actor))),
    );
    if (!before) return { ok: false, code: "notFound" };
    if (!(await kindExists(db, input.kind))) return { ok: false, field: "kind", code: "kindUnknown" };
    const clash = await firstRow(
      db
        .select({ id: bodies.id })
        .from(bodies)
        .where(and(eq(bodies.unitId, before.unitId), eq(bodies.name, input.name), ne(bodies.id, before.id))),
    );
    if (clash) return { ok: false, field: "name", code: "nameTaken" };
    const after = editableFields(input);
    await db
      .update(bodies)
      .set(after)
      .where(and(eq(bodies.id, before.id), bodyScope(actor)));
    await recordAudit(db, {
      userId: actor.id,
      action: "update",
      entity: "body",
      entityId: before.id,
      before: editableFields(before),
      after,
    });
    return { ok: true };
  });
}

/** Retires a body (kept for history; it organises no new conferences), or restores it. */
async function setRetired(db: Db, actor: SessionUser, bodyId: number, retired: boolean): Promise<BodyChangeResult> {
  if (!mayManageBodies(actor)) return { ok: false, code: "forbidden" };
  return await transaction(db, async (db): Promise<BodyChangeResult> => {
    const before = await firstRow(
      db
        .select({ id: bodies.id, retiredAt: bodies.retiredAt })
        .from(bodies)
        .where(and(eq(bodies.id, bodyId), bodyScope(actor))),
    );
    if (!before) return { ok: false, code: "notFound" };
    const changed = changedRows(
      await db
        .update(bodies)
        .set({ retiredAt: retired ? new Date() : null })
        .where(and(eq(bodies.id, bodyId), bodyScope(actor), retired ? isNull(bodies.retiredAt) : isNotNull(bodies.retiredAt))),
    );
    // Already in the asked state: nothing to do, nothing to audit.
    if (changed > 0) {
      await recordAudit(db, {
        userId: actor.id,
        action: retired ? "retire" : "restore",
        entity: "body",
        entityId: bodyId,
        before: { retiredAt: before.retiredAt },
        after: { retired },
      });
    }
    return { ok: true };
  });
}

export async function retireBody(db: Db, actor: SessionUser, bodyId: number): Promise<BodyChangeResult> {
  return await setRetired(db, actor, bodyId, true);
}

export async function restoreBody(db: Db, actor: SessionUser, bodyId: number): Promise<BodyChangeResult> {
  return await setRetired(db, actor, bodyId, false);
}
