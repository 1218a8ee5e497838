"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { changeOwnPasswordAction } from "@/app/(app)/account/actions";
import { describedBy, Field } from "@/components/ui/field";
import { initialActionResult } from "@/lib/http/action-result";

export function ChangePasswordFormClient() {
  const t = useTranslations("account");
  const router = useRouter();
  const [state, action, pending] = useActionState(changeOwnPasswordAction, initialActionResult);
  const errors = state.fieldErrors ?? {};

  useEffect(() => {
    // The change ends every session of this account, this one too: sign in again.
    if (!state.ok) return;
    void signOut({ redirect: false }).then(() => {
      router.replace("/login?changed=1");
      router.refresh();
    });
  }, [state, router]);

  return (
    <form className="form" action={action} noValidate>
      <Field id="currentPassword" label={t("currentPassword")} error={errors.currentPassword}>
        <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required {...describedBy("currentPassword", undefined, errors.currentPassword)} />
      </Field>
      <Field id="newPassword" label={t("newPassword")} hint={t("passwordHint")} error={errors.newPassword}>
        <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" required minLength={8} {...describedBy("newPassword", t("passwordHint"), errors.newPassword)} />
      </Field>
      <Field id="confirmPassword" label={t("confirmPassword")} error={errors.confirmPassword}>
        <input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" required {...describedBy("confirmPassword", undefined, errors.confirmPassword)} />
      </Field>
      {state.message ? (
        <p className="notice error" role="status">
          {state.message}
        </p>
      ) : null}
      <button className="button primary" type="submit" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
