"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import type { ActionResult } from "@/lib/http/action-result";
import { defineAction } from "@/lib/http/define-action";
import type { Translator } from "@/lib/i18n/translator";
import { absenceFormSchema, makeUpFormSchema } from "@/lib/schemas/reports";
import { recordAbsence, recordMakeUp, type AbsenceResult } from "./record-absence";

function answer(t: Translator, result: AbsenceResult, okKey: string): ActionResult {
  if (!result.ok) return { ok: false, message: t(result.code === "present" ? "reports.alreadyPresent" : "validation.forbidden"), at: Date.now() };
  revalidatePath(`/conferences/${result.conferenceId}/report`);
  return { ok: true, message: t(okKey), at: Date.now() };
}

export const recordAbsenceAction = defineAction(
  {
    permission: "absence:record",
    schema: absenceFormSchema,
    invalid: (_error, { t, fieldErrors }) => ({ ok: false, fieldErrors, message: t("validation.invalid"), at: Date.now() }),
  },
  async (input, { user, t }) => answer(t, await recordAbsence(db, user, input), "reports.absenceSaved"),
);

export const recordMakeUpAction = defineAction(
  {
    permission: "absence:record",
    schema: makeUpFormSchema,
    invalid: (_error, { t, fieldErrors }) => ({ ok: false, fieldErrors, message: fieldErrors.date ?? t("validation.invalid"), at: Date.now() }),
  },
  async (input, { user, t }) => answer(t, await recordMakeUp(db, user, input), "reports.makeUpSaved"),
);
