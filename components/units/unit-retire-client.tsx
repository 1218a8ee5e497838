"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { setUnitRetiredAction } from "@/app/(app)/admin/units/actions";
import { initialActionResult } from "@/lib/http/action-result";

/** Retire (after a confirmation) or restore one unit. */
export function UnitRetireClient({ unitId, name, retired }: { unitId: number; name: string; retired: boolean }) {
  const t = useTranslations("adminUnits");
  const [state, action, pending] = useActionState(setUnitRetiredAction, initialActionResult);
  return (
    <form
      action={action}
      className="inline-form"
      onSubmit={(e) => {
        if (!retired && !window.confirm(t("confirmRetire", { name }))) e.preventDefault();
      }}
    >
      <input type="hidden" name="unitId" value={unitId} />
      <input type="hidden" name="retired" value={retired ? "0" : "1"} />
      <button className={`button small ${retired ? "" : "danger"}`} type="submit" disabled={pending}>
        {retired ? t("restore") : t("retire")}
      </button>
      {state.message ? (
        <span className={`notice small ${state.ok ? "success" : "error"}`} role="status">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
