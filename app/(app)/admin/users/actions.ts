"use server";

import { revalidatePath } from "next/cache";
import { getTranslator } from "@/lib/i18n/translator";
import { db } from "@/db";
import { getActionUser } from "@/lib/auth/guards";
import { fieldErrorsFrom, submittedValues, type ActionResult } from "@/lib/http/action-result";
import { createUserSchema, resetPasswordSchema, setDisabledSchema, unlockSignInSchema } from "@/lib/schemas/users";
import { createUser, resetUserPassword, setUserDisabled, unlockSignIn } from "@/lib/users/manage-users";

export async function createUserAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const values = submittedValues(form);
  const admin = await getActionUser("user:manage");
  if (!admin) return { ok: false, message: t("validation.forbidden"), values, at: Date.now() };

  const parsed = createUserSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error, t), values, at: Date.now() };
  }
  const result = await createUser(db, admin.id, parsed.data);
  if (!result.ok) {
    const message = t(`validation.${result.code}`);
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
  const result = await resetUserPassword(db, admin.id, parsed.data.userId, parsed.data.password);
  if (!result.ok) return { ok: false, message: t(`validation.${result.code}`), at: Date.now() };
  return { ok: true, message: t("users.passwordReset", { username: String(form.get("username") ?? "") }), at: Date.now() };
}

export async function setDisabledAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const admin = await getActionUser("user:manage");
  if (!admin) return { ok: false, message: t("validation.forbidden"), at: Date.now() };
  const parsed = setDisabledSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: t("validation.invalid"), at: Date.now() };
  const result = setUserDisabled(db, admin.id, parsed.data.userId, parsed.data.disabled);
  if (!result.ok) return { ok: false, message: t(`validation.${result.code}`), at: Date.now() };
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
  const result = unlockSignIn(db, admin.id, parsed.data.userId);
  if (!result.ok) return { ok: false, message: t(`validation.${result.code}`), at: Date.now() };
  revalidatePath("/admin/users");
  return { ok: true, message: t("users.signInUnlocked", { username: String(form.get("username") ?? "") }), at: Date.now() };
}
