"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslator } from "@/lib/i18n/translator";
import { z } from "zod";
import { db } from "@/db";
import { getActionUser } from "@/lib/auth/guards";
import { fieldErrorsFrom, submittedValues, type ActionResult } from "@/lib/http/action-result";
import { mergePeople, savePerson } from "@/lib/people/people";
import { formToObject } from "@/lib/schemas/conferences";
import { personFormSchema } from "@/lib/schemas/people";


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
    const message = t(t.has(`validation.${result.code}`) ? `validation.${result.code}` : "validation.invalid");
    return { ok: false, ...(result.field ? { fieldErrors: { [result.field]: message } } : { message }), values, at: Date.now() };
  }
  revalidatePath("/people");
  redirect(`/people/${result.id}?saved=1`);
}

const mergeSchema = z.object({ duplicateId: z.coerce.number().int().positive(), keepId: z.coerce.number({ error: "mergeTargetRequired" }).int().positive("mergeTargetRequired") });

export async function mergePeopleAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const user = await getActionUser("people:manage");
  if (!user) return { ok: false, message: t("validation.forbidden"), at: Date.now() };
  const parsed = mergeSchema.safeParse(formToObject(form));
  if (!parsed.success) return { ok: false, message: t("validation.mergeTargetRequired"), at: Date.now() };
  const result = mergePeople(db, user, parsed.data.duplicateId, parsed.data.keepId);
  if (!result.ok) return { ok: false, message: t(t.has(`validation.${result.code}`) ? `validation.${result.code}` : "validation.invalid"), at: Date.now() };
  revalidatePath("/people");
  redirect(`/people/${result.id}?merged=1`);
}
