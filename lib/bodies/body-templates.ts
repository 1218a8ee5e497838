/**
 * Body templates: the usual bodies of a kind of unit, created for a unit in
 * one click (create-bodies-from-template.ts). Global data: only the root
 * unit's admin changes them.
 */
import { and, asc, eq, ne } from "drizzle-orm";
import { returnedRow, firstRow, transaction, type Db } from "@/db/client";
import { bodyKinds, bodyTemplates, unitKinds } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import type { BodyTemplateInput } from "@/lib/schemas/bodies";
import { mayManageGlobal, type BodyChangeResult } from "./body-access";

export interface BodyTemplateRow {
  id: number;
  unitKind: string;
  bodyKind: string;
  bodyKindLabel: string;
  namePattern: string;
  symbol: string;
  parentLinePattern: string;
  sortOrder: number;
}

/** The templates of one unit kind, or of all, in unit-kind then template order. */
export async function listBodyTemplates(db: Db, unitKind?: string): Promise<BodyTemplateRow[]> {
  return await db
    .select({
      id: bodyTemplates.id,
      unitKind: bodyTemplates.unitKind,
      bodyKind: bodyTemplates.bodyKind,
      bodyKindLabel: bodyKinds.label,
      namePattern: bodyTemplates.namePattern,
      symbol: bodyTemplates.symbol,
      parentLinePattern: bodyTemplates.parentLinePattern,
      sortOrder: bodyTemplates.sortOrder,
    })
    .from(bodyTemplates)
    .innerJoin(bodyKinds, eq(bodyKinds.key, bodyTemplates.bodyKind))
    .innerJoin(unitKinds, eq(unitKinds.key, bodyTemplates.unitKind))
    .where(unitKind ? eq(bodyTemplates.unitKind, unitKind) : undefined)
    .orderBy(asc(unitKinds.sortOrder), asc(bodyTemplates.sortOrder), asc(bodyTemplates.id));
}

/** A template's values, for the audit log. */
function patternOf(t: typeof bodyTemplates.$inferSelect) {
  return {
    unitKind: t.unitKind,
    bodyKind: t.bodyKind,
    namePattern: t.namePattern,
    symbol: t.symbol,
    parentLinePattern: t.parentLinePattern,
    sortOrder: t.sortOrder,
  };
}

/** Adds a template (no `templateId`) or edits one. */
export async function saveBodyTemplate(db: Db, actor: SessionUser, input: BodyTemplateInput): Promise<BodyChangeResult<{ id: number }>> {
  if (!mayManageGlobal(actor)) return { ok: false, code: "forbidden" };
  return await transaction(db, async (db): Promise<BodyChangeResult<{ id: number }>> => {
    if (!(await firstRow(db.select({ key: unitKinds.key }).from(unitKinds).where(eq(unitKinds.key, input.unitKind))))) {
      return { ok: false, field: "unitKind", code: "unitKindUnknown" };
    }
    if (!(await firstRow(db.select({ key: bodyKinds.key }).from(bodyKinds).where(eq(bodyKinds.key, input.bodyKind))))) {
      return { ok: false, field: "bodyKind", code: "kindUnknown" };
    }
    const clash = await firstRow(
      db
        .select({ id: bodyTemplates.id })
        .from(bodyTemplates)
        .where(
          and(
            eq(bodyTemplates.unitKind, input.unitKind),
            eq(bodyTemplates.namePattern, input.namePattern),
            input.templateId ? ne(bodyTemplates.id, input.templateId) : undefined,
          ),
        ),
    );
    if (clash) return { ok: false, field: "namePattern", code: "templateTaken" };
    const values = {
      unitKind: input.unitKind,
      bodyKind: input.bodyKind,
      namePattern: input.namePattern,
      symbol: input.symbol,
      parentLinePattern: input.parentLinePattern,
      sortOrder: input.sortOrder,
    };
    if (input.templateId === undefined) {
      const created = await returnedRow(db.insert(bodyTemplates).values(values).returning({ id: bodyTemplates.id }));
      await recordAudit(db, { userId: actor.id, action: "create", entity: "body_template", entityId: created.id, after: values });
      return { ok: true, id: created.id };
    }
    const before = await firstRow(db.select().from(bodyTemplates).where(eq(bodyTemplates.id, input.templateId)));
    if (!before) return { ok: false, code: "notFound" };
    await db.update(bodyTemplates).set(values).where(eq(bodyTemplates.id, input.templateId));
    await recordAudit(db, { userId: actor.id, action: "update", entity: "body_template", entityId: before.id, before: patternOf(before), after: values });
    return { ok: true, id: before.id };
  });
}

/** Deletes a template; bodies made from it stay as they are. */
export async function deleteBodyTemplate(db: Db, actor: SessionUser, templateId: number): Promise<BodyChangeResult> {
  if (!mayManageGlobal(actor)) return { ok: false, code: "forbidden" };
  return await transaction(db, async (db): Promise<BodyChangeResult> => {
    const before = await firstRow(db.select().from(bodyTemplates).where(eq(bodyTemplates.id, templateId)));
    if (!before) return { ok: false, code: "notFound" };
    await db.delete(bodyTemplates).where(eq(bodyTemplates.id, templateId));
    await recordAudit(db, { userId: actor.id, action: "delete", entity: "body_template", entityId: templateId, before: patternOf(before) });
    return { ok: true };
  });
}

/** Unit kinds, for choosing which kind a template belongs to. */
export async function listUnitKindOptions(db: Db): Promise<{ key: string; label: string }[]> {
  return await db.select({ key: unitKinds.key, label: unitKinds.label }).from(unitKinds).orderBy(asc(unitKinds.sortOrder), asc(unitKinds.label));
}
