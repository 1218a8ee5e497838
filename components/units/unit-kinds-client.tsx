"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { saveUnitKindAction } from "@/lib/units/actions";
import { initialActionResult } from "@/lib/http/action-result";

/** One kind's label and order (the key is fixed), or, without `kind`, a new kind. */
export function UnitKindFormClient({ kind }: { kind?: { key: string; label: string; sortOrder: number } }) {
  const t = useTranslations("adminUnits.kinds");
  const [state, action, pending] = useActionState(saveUnitKindAction, initialActionResult);
  const uid = useId();
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const error = errors.key ?? errors.label ?? errors.sortOrder ?? (state.ok ? undefined : state.message);
  return (
    <form key={kind ? undefined : (state.at ?? 0)} action={action} className="kind-form" data-testid={kind ? `kind-${kind.key}` : "kind-new"}>
      {kind ? (
        <input type="hidden" name="key" value={kind.key} />
      ) : (
        <span className="field">
          <label htmlFor={`${uid}-key`}>{t("key")}</label>
          <input
            id={`${uid}-key`}
            name="key"
            defaultValue={state.ok ? "" : values.key}
            placeholder="dac_khu"
            autoCapitalize="none"
            spellCheck={false}
            required
            aria-describedby={`${uid}-hint`}
          />
        </span>
      )}
      <span className="field grow">
        <label htmlFor={`${uid}-label`} className={kind ? "visually-hidden" : undefined}>
          {t("label")}
          {kind ? ` (${kind.key})` : ""}
        </label>
        <input id={`${uid}-label`} name="label" defaultValue={kind ? kind.label : state.ok ? "" : values.label} required />
      </span>
      <span className="field">
        <label htmlFor={`${uid}-order`} className={kind ? "visually-hidden" : undefined}>
          {t("sortOrder")}
        </label>
        <input id={`${uid}-order`} name="sortOrder" type="number" inputMode="numeric" defaultValue={kind ? kind.sortOrder : state.ok ? "" : values.sortOrder} />
      </span>
      <button className={`button small${kind ? "" : " primary"}`} type="submit" disabled={pending}>
        {kind ? t("save") : t("add")}
      </button>
      {kind ? null : (
        <span className="hint kind-hint" id={`${uid}-hint`}>
          {t("keyHint")}
        </span>
      )}
      {state.ok && state.message ? (
        <span className="notice small success" role="status">
          {state.message}
        </span>
      ) : error ? (
        <span className="notice small error" role="status">
          {error}
        </span>
      ) : null}
    </form>
  );
}
