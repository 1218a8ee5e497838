"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslator, type Translator } from "@/lib/i18n/translator";
import { db } from "@/db";
import { getActionUser } from "@/lib/auth/guards";
import { fieldErrorsFrom, refusalMessage, submittedValues, type ActionResult } from "@/lib/http/action-result";
import { mergePeople, undoMerge, type MergeRefusal } from "@/lib/people/merge-people";
import { savePerson } from "@/lib/people/people";
import { formToObject } from "@/lib/http/request-input";
import { mergePeopleSchema, personFormSchema, undoMergeSchema } from "@/lib/schemas/people";

export async function savePersonAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const values = submittedValues(form);
  const user = await getActionUser("people:manage");
  if (!user) return { ok: false, message: t("validation.forbidden"), values, at: Date.now() };
  const parsed = personFormSchema.safeParse(formToObject(form));
  if (!parsed.success) {
    return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error, t), values, at: Date.now() };
  }
  const result = savePerson(db, user, parsed.data);
  if (!result.ok) {
    const message = refusalMessage(t, result.code);
    return { ok: false, ...(result.field ? { fieldErrors: { [result.field]: message } } : { message }), values, at: Date.now() };
  }
  revalidatePath("/people");
  redirect(`/people/${result.id}?saved=1`);
}

/** A merge's refusal in words, with what it names (the conference, the record). */
function mergeRefusal(t: Translator, refusal: MergeRefusal): string {
  const values: Record<string, string> | undefined =
    "conference" in refusal ? { conference: refusal.conference } : "name" in refusal ? { name: refusal.name } : undefined;
  return refusalMessage(t, refusal.code, values);
}

/** From the merge preview page, confirmed: the record `duplicateId` goes into `keepId` (kept for the undo). */
export async function mergePeopleAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const user = await getActionUser("people:manage");
  if (!user) return { ok: false, message: t("validation.forbidden"), at: Date.now() };
  const parsed = mergePeopleSchema.safeParse(formToObject(form));
  if (!parsed.success) {
    const confirmMissing = parsed.error.issues.some((i) => i.path[0] === "confirm") && parsed.error.issues.length === 1;
    return { ok: false, message: refusalMessage(t, confirmMissing ? "mergeConfirmRequired" : "mergeTargetRequired"), at: Date.now() };
  }
  const result = mergePeople(db, user, parsed.data.duplicateId, parsed.data.keepId);
  if (!result.ok) return { ok: false, message: mergeRefusal(t, result), at: Date.now() };
  revalidatePath("/people");
  revalidatePath("/admin/audit");
  redirect(`/people/${result.keptId}?merged=${result.mergeId}`);
}

/** Undoes a merge, from the kept person's page or the audit log; refused with the reason when something since prevents it. */
export async function undoMergeAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const user = await getActionUser("people:manage");
  if (!user) return { ok: false, message: t("validation.forbidden"), at: Date.now() };
  const parsed = undoMergeSchema.safeParse(formToObject(form));
  if (!parsed.success) return { ok: false, message: t("validation.invalid"), at: Date.now() };
  const result = undoMerge(db, user, parsed.data.mergeId);
  if (!result.ok) return { ok: false, message: mergeRefusal(t, result), at: Date.now() };
  revalidatePath("/people");
  revalidatePath(`/people/${result.keptId}`);
  revalidatePath(`/people/${result.mergedId}`);
  revalidatePath("/admin/audit");
  return { ok: true, message: t("safety.merge.undone", { name: result.mergedName, movedBack: result.movedBack, restored: result.restored }), at: Date.now() };
}
