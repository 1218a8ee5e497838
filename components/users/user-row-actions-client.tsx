"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { resetPasswordAction, setDisabledAction, unlockSignInAction } from "@/lib/users/actions";
import { ConfirmStep } from "@/components/ui/confirm-step-client";
import { initialActionResult, latestMessage } from "@/lib/http/action-result";

interface Props {
  userId: number;
  username: string;
  disabled: boolean;
  isSelf: boolean;
  /** Failed sign-ins in the throttle's window: when any, the admin may clear them. */
  recentFailures: number;
}

export function UserRowActionsClient({ userId, username, disabled, isSelf, recentFailures }: Props) {
  const t = useTranslations("users");
  const s = useTranslations("safety.user");
  const [resetState, resetAction, resetting] = useActionState(resetPasswordAction, initialActionResult);
  const [toggleState, toggleAction, toggling] = useActionState(setDisabledAction, initialActionResult);
  const [unlockState, unlockAction, unlocking] = useActionState(unlockSignInAction, initialActionResult);
  const message = latestMessage(resetState, toggleState, unlockState);

  return (
    <div className="row-actions">
      <form key={resetState.at ?? 0} action={resetAction} className="inline-form">
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="username" value={username} />
        <button className="button small" type="submit" disabled={resetting}>
          {t("reset")}
        </button>
      </form>
      {isSelf ? null : disabled ? (
        // The way back needs no confirmation.
        <form action={toggleAction}>
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="username" value={username} />
          <input type="hidden" name="disabled" value="0" />
          <button className="button small" type="submit" disabled={toggling}>
            {t("enable")}
          </button>
        </form>
      ) : (
        <ConfirmStep
          formAction={toggleAction}
          state={toggleState}
          pending={toggling}
          fields={{ userId, username, disabled: "1" }}
          trigger={t("disable")}
          title={s("disableTitle", { username })}
          hint={s("disableHint")}
          confirmLabel={s("confirmDisable")}
        />
      )}
      {recentFailures > 0 ? (
        <form action={unlockAction}>
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="username" value={username} />
          <button className="button small" type="submit" disabled={unlocking}>
            {t("unlockSignIn")}
          </button>
        </form>
      ) : null}
      {message ? (
        <p className={`notice small ${message.ok ? "success" : "error"}`} role="status" data-testid="row-message">
          {message.message}
        </p>
      ) : null}
    </div>
  );
}
