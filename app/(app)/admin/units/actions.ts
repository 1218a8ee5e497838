"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { db } from "@/db";
import { getActionUser } from "@/lib/auth/guards";
import type { SessionUser } from "@/lib/auth/session-user";
import { submittedValues, type ActionResult } from "@/lib/http/action-result";
import { getTranslator, type Translator } from "@/lib/i18n/translator";
import { parseFile } from "@/lib/people/import/parse-file";
import { commitUnitsImportSchema, mergeUnitsSchema, setUnitRetiredSchema, unitFormSchema, unitIdSchema, unitKindSchema } from "@/lib/schemas/units";
import { commitStagedUnitImport, stageUnitImport } from "@/lib/units/import-units";
import { createUnit, getWritableUnit, restoreUnit, retireUnit, updateUnit } from "@/lib/units/manage-units";
import { mergeUnits, previewUnitMerge } from "@/lib/units/merge-units";
import type { UnitActor } from "@/lib/units/unit-actor";
import { saveUnitKind } from "@/lib/units/unit-kinds";

const actorOf = (user: SessionUser): UnitActor => ({ id: user.id, unitId: user.unitId, scopeUnitIds: user.scopeUnitIds });

/** A refusal code in the user's language: this feature's messages first, then the shared validation ones. */
function errorText(t: Translator, code: string): string {
  if (t.has(`adminUnits.errors.${code}`)) return t(`adminUnits.errors.${code}`);
  if (t.has(`validation.${code}`)) return t(`validation.${code}`);
  return t("adminUnits.errors.invalid");
}

function fieldErrors(error: z.ZodError, t: Translator): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= errorText(t, issue.message);
  }
  return errors;
}

function refused(t: Translator, result: { code: string; field?: string }, values?: Record<string, string>): ActionResult {
  const message = errorText(t, result.code);
  return { ok: false, ...(result.field ? { fieldErrors: { [result.field]: message } } : { message }), values, at: Date.now() };
}

const forbidden = (t: Translator, values?: Record<string, string>): ActionResult => ({
  ok: false,
  message: t("adminUnits.errors.forbidden"),
  values,
  at: Date.now(),
});

function revalidateUnits(id?: number) {
  revalidatePath("/admin/units");
  if (id) revalidatePath(`/admin/units/${id}`);
}

export async function createUnitAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const values = submittedValues(form);
  const user = await getActionUser("unit:manage");
  if (!user) return forbidden(t, values);
  const parsed = unitFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error, t), values, at: Date.now() };
  const result = createUnit(db, actorOf(user), parsed.data);
  if (!result.ok) return refused(t, result, values);
  revalidateUnits();
  // The parent stays chosen: the next unit of a list goes under it too.
  return {
    ok: true,
    message: t("adminUnits.saved", { name: parsed.data.name }),
    values: { parentId: values.parentId ?? "", kind: values.kind ?? "" },
    at: Date.now(),
  };
}

export async function updateUnitAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const values = submittedValues(form);
  const user = await getActionUser("unit:manage");
  if (!user) return forbidden(t, values);
  const id = unitIdSchema.safeParse(Object.fromEntries(form));
  const parsed = unitFormSchema.safeParse(Object.fromEntries(form));
  if (!id.success) return { ok: false, message: t("adminUnits.errors.invalid"), values, at: Date.now() };
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error, t), values, at: Date.now() };
  const result = updateUnit(db, actorOf(user), id.data.unitId, parsed.data);
  if (!result.ok) return refused(t, result, values);
  revalidateUnits(result.id);
  return { ok: true, message: t("adminUnits.saved", { name: parsed.data.name }), values, at: Date.now() };
}

export async function setUnitRetiredAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const user = await getActionUser("unit:manage");
  if (!user) return forbidden(t);
  const parsed = setUnitRetiredSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: t("adminUnits.errors.invalid"), at: Date.now() };
  const actor = actorOf(user);
  const unit = getWritableUnit(db, actor, parsed.data.unitId);
  if (!unit) return refused(t, { code: "notFound" });
  const result = parsed.data.retired ? retireUnit(db, actor, unit.id) : restoreUnit(db, actor, unit.id);
  if (!result.ok) return refused(t, result);
  revalidateUnits(unit.id);
  return { ok: true, message: t(parsed.data.retired ? "adminUnits.retiredDone" : "adminUnits.restoredDone", { name: unit.name }), at: Date.now() };
}

/** Without `confirm`: the preview of what moves; with it: the merge. */
export async function mergeUnitsAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const values = submittedValues(form);
  const user = await getActionUser("unit:manage");
  if (!user) return forbidden(t, values);
  const parsed = mergeUnitsSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error, t), values, at: Date.now() };
  const { unitId, intoId, confirm } = parsed.data;
  const actor = actorOf(user);
  const preview = previewUnitMerge(db, actor, [unitId], intoId);
  if (!preview.ok) return refused(t, preview, values);
  if (!confirm) {
    return {
      ok: false,
      needsConfirm: true,
      message: t("adminUnits.merge.previewText", { into: preview.into.name, ...preview.counts }),
      values,
      at: Date.now(),
    };
  }
  const result = mergeUnits(db, actor, [unitId], intoId);
  if (!result.ok) return refused(t, result, values);
  revalidateUnits(unitId);
  revalidatePath(`/admin/units/${intoId}`);
  return { ok: true, message: t("adminUnits.merge.done", { into: preview.into.name, ...result.counts }), at: Date.now() };
}

export async function saveUnitKindAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const values = submittedValues(form);
  const user = await getActionUser("unit:manage");
  if (!user) return forbidden(t, values);
  const parsed = unitKindSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error, t), values, at: Date.now() };
  const result = saveUnitKind(db, actorOf(user), parsed.data);
  if (!result.ok) return refused(t, result, values);
  revalidatePath("/admin/units/kinds");
  revalidatePath("/admin/units");
  return { ok: true, message: t(result.created ? "adminUnits.kinds.created" : "adminUnits.kinds.saved", { label: parsed.data.label }), values, at: Date.now() };
}

/** Reads and keeps the uploaded list, then shows its preview (/admin/units/import?batch=…). */
export async function uploadUnitsImportAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const user = await getActionUser("unit:manage");
  if (!user) return forbidden(t);
  const under = unitIdSchema.safeParse({ unitId: form.get("underUnitId") });
  if (!under.success || !getWritableUnit(db, actorOf(user), under.data.unitId))
    return { ok: false, message: t("adminUnits.import.underOutOfScope"), at: Date.now() };
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { ok: false, message: t("adminUnits.import.noFile"), at: Date.now() };
  const parsed = await parseFile(file.name, new Uint8Array(await file.arrayBuffer()));
  if (!parsed.ok) return { ok: false, message: t(`import.errors.${parsed.code}`, parsed.values ?? {}), at: Date.now() };
  const batchId = stageUnitImport(db, user.id, {
    underUnitId: under.data.unitId,
    filename: file.name.slice(0, 200),
    headers: parsed.headers,
    rows: parsed.rows,
  });
  redirect(`/admin/units/import?batch=${batchId}`);
}

/** Plans the kept list again and writes it when it has no errors. */
export async function commitUnitsImportAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const user = await getActionUser("unit:manage");
  if (!user) return forbidden(t);
  const parsed = commitUnitsImportSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: t("adminUnits.errors.invalid"), at: Date.now() };
  const result = commitStagedUnitImport(db, { ...actorOf(user), id: user.id }, parsed.data.batchId);
  if (!result.ok) {
    if (result.code === "hasErrors") return { ok: false, message: t("adminUnits.import.fixFirst"), at: Date.now() };
    if (result.code === "missingColumns" && result.plan && !result.plan.ok && result.plan.code === "missingColumns") {
      return { ok: false, message: t("adminUnits.import.missingColumns", { columns: result.plan.columns.join(", ") }), at: Date.now() };
    }
    return { ok: false, message: t(`adminUnits.import.${result.code}`), at: Date.now() };
  }
  revalidateUnits();
  redirect(`/admin/units/import?created=${result.created}&updated=${result.updated}&unchanged=${result.unchanged}`);
}
