"use server";

import { getTranslator } from "@/lib/i18n/translator";
import { db } from "@/db";
import { getActionUser } from "@/lib/auth/guards";
import { fieldErrorsFrom, type ActionResult } from "@/lib/http/action-result";
import { changeOwnPasswordSchema } from "@/lib/schemas/users";
import { changeOwnPassword } from "@/lib/users/manage-users";

export async function changeOwnPasswordAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const user = await getActionUser("account:manage-own");
  if (!user) return { ok: false, message: t("validation.forbidden"), at: Date.now() };

  const parsed = changeOwnPasswordSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error, t), at: Date.now() };

  const result = await changeOwnPassword(db, user.id, parsed.data.currentPassword, parsed.data.newPassword);
  if (!result.ok) {
    const message = t.has(`validation.${result.code}`) ? t(`validation.${result.code}`) : t(`adminAccounts.errors.${result.code}`);
    return result.field ? { ok: false, fieldErrors: { [result.field]: message }, at: Date.now() } : { ok: false, message, at: Date.now() };
  }
  return { ok: true, at: Date.now() };
}
