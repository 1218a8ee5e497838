"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { getActionUser } from "@/lib/auth/guards";
import { fieldErrorsFrom, type ActionResult } from "@/lib/http/action-result";
import { getTranslator } from "@/lib/i18n/translator";
import { recordAbsence, recordMakeUp, type AbsenceResult } from "@/lib/reports/record-absence";
import { formToObject } from "@/lib/http/request-input";
import { absenceFormSchema, makeUpFormSchema } from "@/lib/schemas/reports";

async function answer(result: AbsenceResult, okKey: string): Promise<ActionResult> {
  const t = await getTranslator();
  if (!result.ok) return { ok: false, message: t(result.code === "present" ? "reports.alreadyPresent" : "validation.forbidden"), at: Date.now() };
  revalidatePath(`/conferences/${result.conferenceId}/attendance`);
  return { ok: true, message: t(okKey), at: Date.now() };
}

export async function recordAbsenceAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const user = await getActionUser("absence:record");
  const t = await getTranslator();
  if (!user) return { ok: false, message: t("validation.forbidden"), at: Date.now() };
  const parsed = absenceFormSchema.safeParse(formToObject(form));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error, t), message: t("validation.invalid"), at: Date.now() };
  return answer(recordAbsence(db, user, parsed.data), "reports.absenceSaved");
}

export async function recordMakeUpAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const user = await getActionUser("absence:record");
  const t = await getTranslator();
  if (!user) return { ok: false, message: t("validation.forbidden"), at: Date.now() };
  const parsed = makeUpFormSchema.safeParse(formToObject(form));
  if (!parsed.success)
    return {
      ok: false,
      fieldErrors: fieldErrorsFrom(parsed.error, t),
      message: fieldErrorsFrom(parsed.error, t).date ?? t("validation.invalid"),
      at: Date.now(),
    };
  return answer(recordMakeUp(db, user, parsed.data), "reports.makeUpSaved");
}
