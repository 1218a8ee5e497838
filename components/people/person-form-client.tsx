"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { savePersonAction } from "@/lib/people/actions";
import { describedBy, Field } from "@/components/ui/field";
import { initialActionResult } from "@/lib/http/action-result";

interface Props {
  initial: Record<string, string>;
  units: { id: number; name: string }[];
  categories: { value: string; label: string }[];
}

export function PersonFormClient({ initial, units, categories }: Props) {
  const t = useTranslations("people");
  const [state, action, pending] = useActionState(savePersonAction, initialActionResult);
  const values = state.values ?? initial;
  const errors = state.fieldErrors ?? {};
  const input = (name: string) => ({ id: name, name, defaultValue: values[name] ?? "", ...describedBy(name, undefined, errors[name]) });
  return (
    <form key={state.at ?? 0} action={action} className="form grid-2" noValidate>
      {initial.personId ? <input type="hidden" name="personId" value={initial.personId} /> : null}
      <Field id="fullName" label={t("fullName")} error={errors.fullName}>
        <input {...input("fullName")} maxLength={120} required />
      </Field>
      <Field id="position" label={t("position")} error={errors.position}>
        <input {...input("position")} maxLength={200} />
      </Field>
      <Field id="workplace" label={t("workplace")} error={errors.workplace}>
        <input {...input("workplace")} maxLength={300} />
      </Field>
      <Field id="unitId" label={t("unit")} error={errors.unitId}>
        <select {...input("unitId")}>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="category" label={t("category")} error={errors.category}>
        <select {...input("category")}>
          <option value="">—</option>
          {categories.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="phone" label={t("phone")} error={errors.phone}>
        <input {...input("phone")} inputMode="tel" maxLength={20} />
      </Field>
      <Field id="email" label={t("email")} error={errors.email}>
        <input {...input("email")} type="email" maxLength={200} />
      </Field>
      <Field id="externalCode" label={t("externalCode")} error={errors.externalCode}>
        <input {...input("externalCode")} maxLength={60} />
      </Field>
      <label className="checkbox">
        <input type="checkbox" name="isPartyMember" value="1" defaultChecked={values.isPartyMember === "1"} /> {t("partyMember")}
      </label>
      <div className="form-footer">
        {state.message ? (
          <p className="notice error" role="alert">
            {state.message}
          </p>
        ) : null}
        <button className="button primary" type="submit" disabled={pending}>
          {t("save")}
        </button>
      </div>
    </form>
  );
}
