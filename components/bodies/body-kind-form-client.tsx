"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { saveBodyKindAction } from "@/lib/bodies/actions";
import { describedBy, Field } from "@/components/ui/field";
import { initialActionResult } from "@/lib/http/action-result";

interface Kind {
  key: string;
  label: string;
  requirable: boolean;
  colour: string;
  sortOrder: number;
}

/** Adds a body kind, or edits one (its key stays). */
export function BodyKindFormClient({ kind }: { kind?: Kind }) {
  const t = useTranslations("adminBodies.kinds");
  const [state, action, pending] = useActionState(saveBodyKindAction, initialActionResult);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const prefix = useId();
  const id = (name: string) => `${prefix}-${name}`;
  const requirable = state.values ? values.requirable === "on" : (kind?.requirable ?? true);

  return (
    <form key={state.at ?? 0} className="form grid-2" action={action} noValidate>
      {kind ? <input type="hidden" name="originalKey" value={kind.key} /> : null}
      {kind ? (
        <input type="hidden" name="key" value={kind.key} />
      ) : (
        <Field id={id("key")} label={t("key")} hint={t("keyHint")} error={errors.key}>
          <input
            id={id("key")}
            name="key"
            defaultValue={values.key ?? ""}
            autoCapitalize="none"
            spellCheck={false}
            required
            {...describedBy(id("key"), t("keyHint"), errors.key)}
          />
        </Field>
      )}
      <Field id={id("label")} label={t("label")} error={errors.label}>
        <input id={id("label")} name="label" defaultValue={values.label ?? kind?.label ?? ""} required {...describedBy(id("label"), undefined, errors.label)} />
      </Field>
      <Field id={id("colour")} label={t("colour")} error={errors.colour}>
        <input
          id={id("colour")}
          name="colour"
          type="color"
          defaultValue={values.colour ?? kind?.colour ?? "#5b6474"}
          {...describedBy(id("colour"), undefined, errors.colour)}
        />
      </Field>
      <Field id={id("sortOrder")} label={t("order")} error={errors.sortOrder}>
        <input
          id={id("sortOrder")}
          name="sortOrder"
          type="number"
          min={0}
          max={9999}
          defaultValue={values.sortOrder ?? kind?.sortOrder ?? 0}
          {...describedBy(id("sortOrder"), undefined, errors.sortOrder)}
        />
      </Field>
      <div className="field">
        <label className="checkbox" htmlFor={id("requirable")}>
          <input id={id("requirable")} name="requirable" type="checkbox" defaultChecked={requirable} aria-describedby={`${id("requirable")}-hint`} />
          {t("requirable")}
        </label>
        <p className="hint" id={`${id("requirable")}-hint`}>
          {t("requirableHint")}
        </p>
      </div>
      <div className="form-footer">
        {state.message || errors.form ? (
          <p className={`notice ${state.ok ? "success" : "error"}`} role="status">
            {state.message ?? errors.form}
          </p>
        ) : null}
        <button className="button primary" type="submit" disabled={pending}>
          {kind ? t("save") : t("add")}
        </button>
      </div>
    </form>
  );
}
