"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "@/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { defineAction } from "@/lib/http/define-action";
import { refusal } from "@/lib/http/request-error";
import { parseFile } from "@/lib/people/import/parse-file";
import { commitUnitsImportSchema, mergeUnitsSchema, setUnitRetiredSchema, unitFormSchema, unitIdSchema, unitKindSchema } from "@/lib/schemas/units";
import { commitStagedUnitImport, stageUnitImport } from "./import-units";
import { createUnit, getWritableUnit, restoreUnit, retireUnit, updateUnit } from "./manage-units";
import { mergeUnits, previewUnitMerge } from "./merge-units";
import type { UnitActor } from "./unit-actor";
import { saveUnitKind } from "./unit-kinds";

const actorOf = (user: SessionUser): UnitActor => ({ id: user.id, unitId: user.unitId, scopeUnitIds: user.scopeUnitIds });

/** A refusal code in the user's language: this feature's messages first, then the shared validation ones. */
const messages = ["adminUnits.errors", "validation"];
const entries = (form: FormData) => Object.fromEntries(form);
const unit = { permission: "unit:manage", messages, input: entries } as const;

function revalidateUnits(id?: number) {
  revalidatePath("/admin/units");
  if (id) revalidatePath(`/admin/units/${id}`);
}

export const createUnitAction = defineAction({ ...unit, schema: unitFormSchema, keepValues: true }, async (input, { user, t, values }) => {
  const result = await createUnit(db, actorOf(user), input);
  if (!result.ok) throw refusal(result);
  revalidateUnits();
  // The parent stays chosen: the next unit of a list goes under it too.
  return {
    ok: true,
    message: t("adminUnits.saved", { name: input.name }),
    values: { parentId: values.parentId ?? "", kind: values.kind ?? "" },
    at: Date.now(),
  };
});

export const updateUnitAction = defineAction(
  {
    ...unit,
    schema: unitIdSchema.and(unitFormSchema),
    keepValues: true,
    // A missing or bad unit id says "invalid"; otherwise the form's own field errors.
    invalid: (error, { t, fieldErrors, values }) =>
      error.issues.some((issue) => issue.path[0] === "unitId")
        ? { ok: false, message: t("adminUnits.errors.invalid"), values, at: Date.now() }
        : { ok: false, fieldErrors, values, at: Date.now() },
  },
  async ({ unitId, ...fields }, { user, t, values }) => {
    const result = await updateUnit(db, actorOf(user), unitId, fields);
    if (!result.ok) throw refusal(result);
    revalidateUnits(result.id);
    return { ok: true, message: t("adminUnits.saved", { name: fields.name }), values, at: Date.now() };
  },
);

export const setUnitRetiredAction = defineAction({ ...unit, schema: setUnitRetiredSchema, invalid: "message" }, async (input, { user, t }) => {
  const actor = actorOf(user);
  const found = await getWritableUnit(db, actor, input.unitId);
  if (!found) throw refusal({ code: "notFound" });
  const result = input.retired ? await retireUnit(db, actor, found.id) : await restoreUnit(db, actor, found.id);
  if (!result.ok) throw refusal(result);
  revalidateUnits(found.id);
  return { ok: true, message: t(input.retired ? "adminUnits.retiredDone" : "adminUnits.restoredDone", { name: found.name }), at: Date.now() };
});

/** Without `confirm`: the preview of what moves; with it: the merge. */
export const mergeUnitsAction = defineAction({ ...unit, schema: mergeUnitsSchema, keepValues: true }, async (input, { user, t, values }) => {
  const { unitId, intoId, confirm } = input;
  const actor = actorOf(user);
  const preview = await previewUnitMerge(db, actor, [unitId], intoId);
  if (!preview.ok) throw refusal(preview);
  if (!confirm) {
    return {
      ok: false,
      needsConfirm: true,
      message: t("adminUnits.merge.previewText", { into: preview.into.name, ...preview.counts }),
      values,
      at: Date.now(),
    };
  }
  const result = await mergeUnits(db, actor, [unitId], intoId);
  if (!result.ok) throw refusal(result);
  revalidateUnits(unitId);
  revalidatePath(`/admin/units/${intoId}`);
  return { ok: true, message: t("adminUnits.merge.done", { into: preview.into.name, ...result.counts }), at: Date.now() };
});

export const saveUnitKindAction = defineAction({ ...unit, schema: unitKindSchema, keepValues: true }, async (input, { user, t, values }) => {
  const result = await saveUnitKind(db, actorOf(user), input);
  if (!result.ok) throw refusal(result);
  revalidatePath("/admin/units/kinds");
  revalidatePath("/admin/units");
  return { ok: true, message: t(result.created ? "adminUnits.kinds.created" : "adminUnits.kinds.saved", { label: input.label }), values, at: Date.now() };
});

/** Reads and keeps the uploaded list, then shows its preview (/admin/units/import?batch=…). */
export const uploadUnitsImportAction = defineAction({ permission: "unit:manage", messages }, async (_input, { user, t, form }) => {
  const under = unitIdSchema.safeParse({ unitId: form.get("underUnitId") });
  if (!under.success || !(await getWritableUnit(db, actorOf(user), under.data.unitId)))
    return { ok: false, message: t("adminUnits.import.underOutOfScope"), at: Date.now() };
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { ok: false, message: t("adminUnits.import.noFile"), at: Date.now() };
  const parsed = await parseFile(file.name, new Uint8Array(await file.arrayBuffer()));
  if (!parsed.ok) return { ok: false, message: t(`import.errors.${parsed.code}`, parsed.values ?? {}), at: Date.now() };
  const batchId = await stageUnitImport(db, user.id, {
    underUnitId: under.data.unitId,
    filename: file.name.slice(0, 200),
    headers: parsed.headers,
    rows: parsed.rows,
  });
  redirect(`/admin/units/import?batch=${batchId}`);
});

/** Plans the kept list again and writes it when it has no errors. */
export const commitUnitsImportAction = defineAction({ ...unit, schema: commitUnitsImportSchema, invalid: "message" }, async (input, { user, t }) => {
  const result = await commitStagedUnitImport(db, { ...actorOf(user), id: user.id }, input.batchId);
  if (!result.ok) {
    if (result.code === "hasErrors") return { ok: false, message: t("adminUnits.import.fixFirst"), at: Date.now() };
    if (result.code === "missingColumns" && result.plan && !result.plan.ok && result.plan.code === "missingColumns") {
      return { ok: false, message: t("adminUnits.import.missingColumns", { columns: result.plan.columns.join(", ") }), at: Date.now() };
    }
    return { ok: false, message: t(`adminUnits.import.${result.code}`), at: Date.now() };
  }
  revalidateUnits();
  redirect(`/admin/units/import?created=${result.created}&updated=${result.updated}&unchanged=${result.unchanged}`);
});
