"use server";

import { revalidatePath } from "next/cache";
import { getTranslator } from "@/lib/i18n/translator";
import { db } from "@/db";
import { getActionUser } from "@/lib/auth/guards";
import { fieldErrorsFrom, submittedValues, type ActionResult } from "@/lib/http/action-result";
import { createUserSchema, resetPasswordSchema, setDisabledSchema, unlockSignInSchema } from "@/lib/schemas/users";
import { createUser, resetUserPassword, setUserDisabled, unlockSignIn } from "@/lib/users/manage-users";
import type { Translator } from "@/lib/i18n/translator";

/** A refusal code: a shared validation message, or one of the accounts feature. */
function refusal(t: Translator, code: string): string {
  return t.has(`validation.${code}`)
    ? t(`validation.${code}`)
    : t(t.has(`adminAccounts.errors.${code}`) ? `adminAccounts.errors.${code}` : "validation.invalid");
}

export async function createUserAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const values = submittedValues(form);
  const admin = await getActionUser("user:manage");
  if (!admin) return { ok: false, message: t("validation.forbidden"), values, at: Date.now() };

  const parsed = createUserSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error, t), values, at: Date.now() };
  }
  const result = await createUser(db, admin, parsed.data);
  if (!result.ok) {
    const message = refusal(t, result.code);
    return { ok: false, ...(result.field ? { fieldErrors: { [result.field]: message } } : { message }), values, at: Date.now() };
  }
  revalidatePath("/admin/users");
  return { ok: true, message: t("users.created", { username: parsed.data.username }), at: Date.now() };
}

export async function resetPasswordAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const admin = await getActionUser("user:manage");
  if (!admin) return { ok: false, message: t("validation.forbidden"), at: Date.now() };
  const parsed = resetPasswordSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const errors = fieldErrorsFrom(parsed.error, t);
    return { ok: false, message: Object.values(errors)[0], at: Date.now() };
  }
  const result = await resetUserPassword(db, admin, parsed.data.userId);
  if (!result.ok) return { ok: false, message: refusal(t, result.code), at: Date.now() };
  revalidatePath("/admin/users");
  // The one-time password is shown once, in this answer only.
  return { ok: true, message: t("adminAccounts.passwordReset", { username: result.username, password: result.password }), at: Date.now() };
}

export async function setDisabledAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const admin = await getActionUser("user:manage");
  if (!admin) return { ok: false, message: t("validation.forbidden"), at: Date.now() };
  const parsed = setDisabledSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: t("validation.invalid"), at: Date.now() };
  const result = setUserDisabled(db, admin, parsed.data.userId, parsed.data.disabled);
  if (!result.ok) return { ok: false, message: refusal(t, result.code), at: Date.now() };
  revalidatePath("/admin/users");
  const username = String(form.get("username") ?? "");
  return { ok: true, message: t(parsed.data.disabled ? "users.disabledDone" : "users.enabledDone", { username }), at: Date.now() };
}

export async function unlockSignInAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const admin = await getActionUser("user:manage");
  if (!admin) return { ok: false, message: t("validation.forbidden"), at: Date.now() };
  const parsed = unlockSignInSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: t("validation.invalid"), at: Date.now() };
  const result = unlockSignIn(db, admin, parsed.data.userId);
  if (!result.ok) return { ok: false, message: refusal(t, result.code), at: Date.now() };
  revalidatePath("/admin/users");
  return { ok: true, message: t("users.signInUnlocked", { username: String(form.get("username") ?? "") }), at: Date.now() };
}
