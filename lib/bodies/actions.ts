"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { defineAction } from "@/lib/http/define-action";
import { refusal } from "@/lib/http/request-error";
import {
  bodyIdSchema,
  bodyKindSchema,
  bodyTemplateSchema,
  createBodySchema,
  templateIdSchema,
  unitIdSchema,
  unitKindSchema,
  updateBodySchema,
} from "@/lib/schemas/bodies";
import { saveBodyKind } from "./body-kinds";
import { deleteBodyTemplate, saveBodyTemplate } from "./body-templates";
import { createBodiesFromTemplate, createBodiesFromTemplateForKind } from "./create-bodies-from-template";
import { createBody, retireBody, restoreBody, updateBody } from "./manage-bodies";

/** A message key of this feature, else of the shared validation messages. */
const body = { permission: "body:manage", messages: ["adminBodies.errors", "validation"], input: (form: FormData) => Object.fromEntries(form) } as const;
/** Forms whose only field is an id: a bad one is simply "invalid". */
const byId = { ...body, invalid: "message" } as const;

function changed() {
  revalidatePath("/admin/bodies", "layout");
}

export const createBodyAction = defineAction({ ...body, schema: createBodySchema, keepValues: true }, async (input, { user, t }) => {
  const result = await createBody(db, user, input);
  if (!result.ok) throw refusal(result);
  changed();
  return { ok: true, message: t("adminBodies.created", { name: input.name }), at: Date.now() };
});

export const updateBodyAction = defineAction({ ...body, schema: updateBodySchema, keepValues: true }, async (input, { user, t, values }) => {
  const result = await updateBody(db, user, input);
  if (!result.ok) throw refusal(result);
  changed();
  return { ok: true, message: t("adminBodies.saved", { name: input.name }), values, at: Date.now() };
});

export const retireBodyAction = defineAction({ ...byId, schema: bodyIdSchema }, async (input, { user, t }) => {
  const result = await retireBody(db, user, input.bodyId);
  if (!result.ok) throw refusal(result);
  changed();
  return { ok: true, message: t("adminBodies.retiredDone"), at: Date.now() };
});

export const restoreBodyAction = defineAction({ ...byId, schema: bodyIdSchema }, async (input, { user, t }) => {
  const result = await restoreBody(db, user, input.bodyId);
  if (!result.ok) throw refusal(result);
  changed();
  return { ok: true, message: t("adminBodies.restoredDone"), at: Date.now() };
});

export const createBodiesFromTemplateAction = defineAction({ ...byId, schema: unitIdSchema }, async (input, { user, t }) => {
  const result = await createBodiesFromTemplate(db, user, input.unitId);
  if (!result.ok) throw refusal(result);
  changed();
  return { ok: true, message: t("adminBodies.fromTemplateDone", { created: result.created, skipped: result.skipped }), at: Date.now() };
});

export const createBodiesFromTemplateForKindAction = defineAction({ ...byId, schema: unitKindSchema }, async (input, { user, t }) => {
  const result = await createBodiesFromTemplateForKind(db, user, input.unitKind);
  if (!result.ok) throw refusal(result);
  changed();
  return { ok: true, message: t("adminBodies.bulkDone", { units: result.units, created: result.created, skipped: result.skipped }), at: Date.now() };
});

export const saveBodyKindAction = defineAction({ ...body, schema: bodyKindSchema, keepValues: true }, async (input, { user, t, values }) => {
  const result = await saveBodyKind(db, user, input);
  if (!result.ok) throw refusal(result);
  changed();
  return {
    ok: true,
    message: t(result.created ? "adminBodies.kinds.created" : "adminBodies.kinds.saved", { label: input.label }),
    values: result.created ? undefined : values,
    at: Date.now(),
  };
});

export const saveBodyTemplateAction = defineAction({ ...body, schema: bodyTemplateSchema, keepValues: true }, async (input, { user, t, values }) => {
  const result = await saveBodyTemplate(db, user, input);
  if (!result.ok) throw refusal(result);
  changed();
  const created = input.templateId === undefined;
  return {
    ok: true,
    message: t(created ? "adminBodies.templates.created" : "adminBodies.templates.saved"),
    values: created ? undefined : values,
    at: Date.now(),
  };
});

export const deleteBodyTemplateAction = defineAction({ ...byId, schema: templateIdSchema }, async (input, { user, t }) => {
  const result = await deleteBodyTemplate(db, user, input.templateId);
  if (!result.ok) throw refusal(result);
  changed();
  return { ok: true, message: t("adminBodies.templates.deleted"), at: Date.now() };
});
