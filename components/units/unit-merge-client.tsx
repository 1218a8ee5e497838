"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { mergeUnitsAction } from "@/lib/units/actions";
import { describedBy, Field } from "@/components/ui/field";
import { initialActionResult } from "@/lib/http/action-result";

/** Merge this unit into another: first a preview of what moves, then the confirmation. */
export function UnitMergeClient({ unitId, targets, merged }: { unitId: number; targets: { id: number; label: string }[]; merged: boolean }) {
  const t = useTranslations("adminUnits.merge");
  const [state, action, pending] = useActionState(mergeUnitsAction, initialActionResult);
  const [intoId, setIntoId] = useState(state.values?.intoId ?? "");
  // The preview answers for one choice: choosing another asks for a new preview.
  const previewed = state.needsConfirm && state.values?.intoId === intoId;
  const errors = state.fieldErrors ?? {};

  // Once merged (the page re-rendered), the answer stays and the form goes.
  if (merged) {
    return state.message ? (
      <p className="notice success" role="status" data-testid="merge-message">
        {state.message}
      </p>
    ) : (
      <p className="muted">{t("unavailable")}</p>
    );
  }
  return (
    // Re-mounted after each answer: React resets a form after its action, the choice must show again.
    <form key={state.at ?? 0} action={action} className="form" data-testid="merge-form">
      <input type="hidden" name="unitId" value={unitId} />
      <Field id="intoId" label={t("into")} error={errors.intoId}>
        <select
          id="intoId"
          name="intoId"
          value={intoId}
          onChange={(e) => setIntoId(e.target.value)}
          required
          {...describedBy("intoId", undefined, errors.intoId)}
        >
          <option value="">{t("chooseInto")}</option>
          {targets.map((u) => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </select>
      </Field>
      {state.message ? (
        <p className={`notice ${state.ok ? "success" : previewed ? "info" : "error"}`} role="status" data-testid="merge-message">
          {state.message}
        </p>
      ) : null}
      <div className="form-footer">
        {previewed ? <input type="hidden" name="confirm" value="1" /> : null}
        <button className={`button ${previewed ? "danger" : ""}`} type="submit" disabled={pending || state.ok}>
          {previewed ? t("confirm") : t("preview")}
        </button>
      </div>
    </form>
  );
}
