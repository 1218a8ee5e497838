"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { db } from "@/db";
import { getActionUser } from "@/lib/auth/guards";
import { saveBodyKind } from "@/lib/bodies/body-kinds";
import { deleteBodyTemplate, saveBodyTemplate } from "@/lib/bodies/body-templates";
import { createBodiesFromTemplate, createBodiesFromTemplateForKind } from "@/lib/bodies/create-bodies-from-template";
import { createBody, retireBody, restoreBody, updateBody } from "@/lib/bodies/manage-bodies";
import { submittedValues, type ActionResult } from "@/lib/http/action-result";
import { getTranslator, type Translator } from "@/lib/i18n/translator";
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

/** A message key of this feature, else of the shared validation messages. */
function message(t: Translator, code: string): string {
  if (t.has(`adminBodies.errors.${code}`)) return t(`adminBodies.errors.${code}`);
  return t(t.has(`validation.${code}`) ? `validation.${code}` : "validation.invalid");
}

function fieldErrors(error: z.ZodError, t: Translator): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= message(t, issue.message);
  }
  return errors;
}

type Refusal = { ok: false; code: string; field?: string };

function refused(t: Translator, result: Refusal, values?: Record<string, string>): ActionResult {
  const text = message(t, result.code);
  return { ok: false, ...(result.field ? { fieldErrors: { [result.field]: text } } : { message: text }), values, at: Date.now() };
}

function forbidden(t: Translator, values?: Record<string, string>): ActionResult {
  return { ok: false, message: t("validation.forbidden"), values, at: Date.now() };
}

function changed() {
  revalidatePath("/admin/bodies", "layout");
}

export async function createBodyAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const values = submittedValues(form);
  const admin = await getActionUser("body:manage");
  if (!admin) return forbidden(t, values);
  const parsed = createBodySchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error, t), values, at: Date.now() };
  const result = createBody(db, admin, parsed.data);
  if (!result.ok) return refused(t, result, values);
  changed();
  return { ok: true, message: t("adminBodies.created", { name: parsed.data.name }), at: Date.now() };
}

export async function updateBodyAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const values = submittedValues(form);
  const admin = await getActionUser("body:manage");
  if (!admin) return forbidden(t, values);
  const parsed = updateBodySchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error, t), values, at: Date.now() };
  const result = updateBody(db, admin, parsed.data);
  if (!result.ok) return refused(t, result, values);
  changed();
  return { ok: true, message: t("adminBodies.saved", { name: parsed.data.name }), values, at: Date.now() };
}

export async function retireBodyAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const admin = await getActionUser("body:manage");
  if (!admin) return forbidden(t);
  const parsed = bodyIdSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: t("validation.invalid"), at: Date.now() };
  const result = retireBody(db, admin, parsed.data.bodyId);
  if (!result.ok) return refused(t, result);
  changed();
  return { ok: true, message: t("adminBodies.retiredDone"), at: Date.now() };
}

export async function restoreBodyAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const admin = await getActionUser("body:manage");
  if (!admin) return forbidden(t);
  const parsed = bodyIdSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: t("validation.invalid"), at: Date.now() };
  const result = restoreBody(db, admin, parsed.data.bodyId);
  if (!result.ok) return refused(t, result);
  changed();
  return { ok: true, message: t("adminBodies.restoredDone"), at: Date.now() };
}

export async function createBodiesFromTemplateAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const admin = await getActionUser("body:manage");
  if (!admin) return forbidden(t);
  const parsed = unitIdSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: t("validation.invalid"), at: Date.now() };
  const result = createBodiesFromTemplate(db, admin, parsed.data.unitId);
  if (!result.ok) return refused(t, result);
  changed();
  return { ok: true, message: t("adminBodies.fromTemplateDone", { created: result.created, skipped: result.skipped }), at: Date.now() };
}

export async function createBodiesFromTemplateForKindAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const admin = await getActionUser("body:manage");
  if (!admin) return forbidden(t);
  const parsed = unitKindSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: t("validation.invalid"), at: Date.now() };
  const result = createBodiesFromTemplateForKind(db, admin, parsed.data.unitKind);
  if (!result.ok) return refused(t, result);
  changed();
  return { ok: true, message: t("adminBodies.bulkDone", { units: result.units, created: result.created, skipped: result.skipped }), at: Date.now() };
}

export async function saveBodyKindAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const values = submittedValues(form);
  const admin = await getActionUser("body:manage");
  if (!admin) return forbidden(t, values);
  const parsed = bodyKindSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error, t), values, at: Date.now() };
  const result = saveBodyKind(db, admin, parsed.data);
  if (!result.ok) return refused(t, result, values);
  changed();
  return {
    ok: true,
    message: t(result.created ? "adminBodies.kinds.created" : "adminBodies.kinds.saved", { label: parsed.data.label }),
    values: result.created ? undefined : values,
    at: Date.now(),
  };
}

export async function saveBodyTemplateAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const values = submittedValues(form);
  const admin = await getActionUser("body:manage");
  if (!admin) return forbidden(t, values);
  const parsed = bodyTemplateSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error, t), values, at: Date.now() };
  const result = saveBodyTemplate(db, admin, parsed.data);
  if (!result.ok) return refused(t, result, values);
  changed();
  const created = parsed.data.templateId === undefined;
  return {
    ok: true,
    message: t(created ? "adminBodies.templates.created" : "adminBodies.templates.saved"),
    values: created ? undefined : values,
    at: Date.now(),
  };
}

export async function deleteBodyTemplateAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const admin = await getActionUser("body:manage");
  if (!admin) return forbidden(t);
  const parsed = templateIdSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: t("validation.invalid"), at: Date.now() };
  const result = deleteBodyTemplate(db, admin, parsed.data.templateId);
  if (!result.ok) return refused(t, result);
  changed();
  return { ok: true, message: t("adminBodies.templates.deleted"), at: Date.now() };
}
