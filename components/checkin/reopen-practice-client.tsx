"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { reopenPracticeAction } from "@/lib/checkin/actions";
import { initialActionResult } from "@/lib/http/action-result";

/** "Mở lại hội nghị thực hành": on the practice conference's page, for admins (the server checks again). */
export function ReopenPracticeClient({ conferenceId, doorNow }: { conferenceId: number; doorNow: string }) {
  const t = useTranslations("door.practice");
  const [state, action, pending] = useActionState(reopenPracticeAction, initialActionResult);
  return (
    <section className="card stack-sm" aria-labelledby="practice-title" data-testid="practice-reopen">
      <h2 id="practice-title">{t("title")}</h2>
      <p className="muted">{t("doorNow", { hours: doorNow })}</p>
      <p className="muted small">{t("hint")}</p>
      <form
        action={action}
        onSubmit={(e) => {
          if (!window.confirm(t("confirm"))) e.preventDefault();
        }}
      >
        <input type="hidden" name="conferenceId" value={conferenceId} />
        <button className="button primary" type="submit" disabled={pending}>
          {t("button")}
        </button>
      </form>
      {state.message ? (
        <p className={`notice ${state.ok ? "success" : "error"}`} role="status" data-testid="practice-reopen-result">
          {state.message}
        </p>
      ) : null}
    </section>
  );
}
