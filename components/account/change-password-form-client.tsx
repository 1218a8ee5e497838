"use client";

import { signIn, signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { changeOwnPasswordAction } from "@/lib/users/actions";
import { describedBy, Field } from "@/components/ui/field";
import { initialActionResult } from "@/lib/http/action-result";

interface Props {
  /** A new or reset account's first change: sign in again with the new password at once and go home. */
  firstChange?: { username: string };
}

export function ChangePasswordFormClient({ firstChange }: Props = {}) {
  const t = useTranslations("account");
  const router = useRouter();
  const [state, action, pending] = useActionState(changeOwnPasswordAction, initialActionResult);
  const errors = state.fieldErrors ?? {};
  const newPassword = useRef("");

  useEffect(() => {
    // The change ends every session of this account, this one too: sign in again.
    if (!state.ok) return;
    if (firstChange) {
      // The user has just typed the new password: use it once more rather than ask again.
      void signIn("credentials", { username: firstChange.username, password: newPassword.current, redirect: false }).then((result) => {
        newPassword.current = "";
        router.replace(result?.ok ? "/" : "/login?changed=1");
        router.refresh();
      });
      return;
    }
    void signOut({ redirect: false }).then(() => {
      router.replace("/login?changed=1");
      router.refresh();
    });
  }, [state, router, firstChange]);

  return (
    <form
      className="form"
      action={action}
      noValidate
      onSubmit={(e) => {
        newPassword.current = String(new FormData(e.currentTarget).get("newPassword") ?? "");
      }}
    >
      <Field id="currentPassword" label={t("currentPassword")} error={errors.currentPassword}>
        <input
          id="currentPassword"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          {...describedBy("currentPassword", undefined, errors.currentPassword)}
        />
      </Field>
      <Field id="newPassword" label={t("newPassword")} hint={t("passwordHint")} error={errors.newPassword}>
        <input
          id="newPassword"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          {...describedBy("newPassword", t("passwordHint"), errors.newPassword)}
        />
      </Field>
      <Field id="confirmPassword" label={t("confirmPassword")} error={errors.confirmPassword}>
        <input
          id="confirmPassword"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          {...describedBy("confirmPassword", undefined, errors.confirmPassword)}
        />
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
