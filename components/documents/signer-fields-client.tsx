"use client";

import { useTranslations } from "next-intl";
import { describedBy, Field } from "@/components/ui/field";

interface Props {
  /** Field ids are prefixed (several forms on one page). */
  idPrefix?: string;
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
  /** A conference: each field may stay empty for the body's default, shown here. A body: the default itself. */
  bodyDefault?: string;
  /** The body's own fields, shown as placeholders of the conference's. */
  placeholders?: Partial<Record<"signFor" | "signerTitle" | "signerName", string>>;
}

/** The letters' signature block as form fields (decision 0023): authority form, on whose behalf, title, name. */
export function SignerFieldsClient({ idPrefix = "", values, errors, bodyDefault, placeholders = {} }: Props) {
  const t = useTranslations("documents.signer");
  const forConference = bodyDefault !== undefined;
  const id = (name: string) => `${idPrefix}${name}`;
  const text = (name: "signFor" | "signerTitle" | "signerName", hint?: string) => (
    <Field id={id(name)} label={t(name)} hint={hint} error={errors[name]}>
      <input
        id={id(name)}
        name={name}
        defaultValue={values[name] ?? ""}
        placeholder={placeholders[name] || undefined}
        maxLength={120}
        {...describedBy(id(name), hint, errors[name])}
      />
    </Field>
  );
  return (
    <fieldset className="signer-fields">
      <legend>{t("legend")}</legend>
      <p className="hint">{forConference ? t("hintConference", { default: bodyDefault || t("nobody") }) : t("hintBody")}</p>
      <div className="grid-2">
        <Field id={id("signForm")} label={t("signForm")} error={errors.signForm}>
          <select
            id={id("signForm")}
            name="signForm"
            defaultValue={values.signForm ?? (forConference ? "default" : "")}
            {...describedBy(id("signForm"), undefined, errors.signForm)}
          >
            {forConference ? <option value="default">{t("formDefault")}</option> : null}
            <option value="">{t("formNone")}</option>
            <option value="T/M">{t("formTM")}</option>
            <option value="K/T">{t("formKT")}</option>
            <option value="T/L">{t("formTL")}</option>
          </select>
        </Field>
        {text("signFor", t("signForHint"))}
        {text("signerTitle", t("signerTitleHint"))}
        {text("signerName")}
      </div>
    </fieldset>
  );
}
