"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { restoreBodyAction, retireBodyAction } from "@/lib/bodies/actions";
import { initialActionResult } from "@/lib/http/action-result";

/** Retire a body (kept for history) or restore it. */
export function BodyRowActionsClient({ bodyId, bodyName, retired }: { bodyId: number; bodyName: string; retired: boolean }) {
  const t = useTranslations("adminBodies");
  const [state, action, pending] = useActionState(retired ? restoreBodyAction : retireBodyAction, initialActionResult);

  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="bodyId" value={bodyId} />
      <button
        className={`button small ${retired ? "" : "danger"}`}
        type="submit"
        disabled={pending}
        title={retired ? undefined : t("retireHint")}
        aria-label={`${retired ? t("restore") : t("retire")}: ${bodyName}`}
      >
        {retired ? t("restore") : t("retire")}
      </button>
      {state.message && !state.ok ? (
        <p className="notice small error" role="status">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
