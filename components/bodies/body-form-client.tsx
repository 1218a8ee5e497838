"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { createBodyAction, updateBodyAction } from "@/lib/bodies/actions";
import { SignerFieldsClient } from "@/components/documents/signer-fields-client";
import { describedBy, Field } from "@/components/ui/field";
import { initialActionResult } from "@/lib/http/action-result";
import { FormFooter } from "@/components/ui/form-footer";

interface Option {
  value: string;
  label: string;
}

/** A body's editable fields (lib/bodies/manage-bodies.ts). */
export interface BodyFormValues {
  id: number;
  name: string;
  kind: string;
  symbol: string;
  parentLine: string;
  headingName: string;
  signForm: string;
  signFor: string;
  signerTitle: string;
  signerName: string;
}

interface Props {
  /** Present when editing a body; absent when adding one. */
  body?: BodyFormValues;
  /** Units to add the body to (adding only); a single unit is fixed and hidden. */
  units?: Option[];
  kinds: Option[];
}

/** Adds a body to a unit, or edits one: name, kind, symbol, the letters' heading and default signature block. */
export function BodyFormClient({ body, units = [], kinds }: Props) {
  const t = useTranslations("adminBodies");
  const td = useTranslations("documents.signer");
  const [state, action, pending] = useActionState(body ? updateBodyAction : createBodyAction, initialActionResult);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const prefix = useId();
  const id = (name: string) => `${prefix}-${name}`;
  const value = (name: Exclude<keyof BodyFormValues, "id">) => values[name] ?? body?.[name] ?? "";
  const signerValues = { signForm: value("signForm"), signFor: value("signFor"), signerTitle: value("signerTitle"), signerName: value("signerName") };

  return (
    <form key={state.at ?? 0} className="form grid-2" action={action} noValidate>
      {body ? <input type="hidden" name="bodyId" value={body.id} /> : null}
      {!body && units.length === 1 ? <input type="hidden" name="unitId" value={units[0].value} /> : null}
      {!body && units.length > 1 ? (
        <Field id={id("unitId")} label={t("unit")} error={errors.unitId}>
          <select id={id("unitId")} name="unitId" defaultValue={values.unitId ?? ""} required {...describedBy(id("unitId"), undefined, errors.unitId)}>
            <option value="">{t("chooseUnit")}</option>
            {units.map((u) => (
              <option key={u.value} value={u.value}>
                {u.label}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <Field id={id("name")} label={t("name")} error={errors.name}>
        <input id={id("name")} name="name" defaultValue={value("name")} required {...describedBy(id("name"), undefined, errors.name)} />
      </Field>
      <Field id={id("kind")} label={t("kind")} error={errors.kind}>
        <select id={id("kind")} name="kind" defaultValue={value("kind")} required {...describedBy(id("kind"), undefined, errors.kind)}>
          <option value="">{t("chooseKind")}</option>
          {kinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id("symbol")} label={t("symbol")} hint={t("symbolHint")} error={errors.symbol}>
        <input
          id={id("symbol")}
          name="symbol"
          defaultValue={value("symbol")}
          autoCapitalize="characters"
          spellCheck={false}
          required
          {...describedBy(id("symbol"), t("symbolHint"), errors.symbol)}
        />
      </Field>
      <Field id={id("parentLine")} label={t("parentLine")} hint={t("parentLineHint")} error={errors.parentLine}>
        <input
          id={id("parentLine")}
          name="parentLine"
          defaultValue={value("parentLine")}
          {...describedBy(id("parentLine"), t("parentLineHint"), errors.parentLine)}
        />
      </Field>
      <Field id={id("headingName")} label={td("headingName")} hint={td("headingNameHint")} error={errors.headingName}>
        <input
          id={id("headingName")}
          name="headingName"
          defaultValue={value("headingName")}
          {...describedBy(id("headingName"), td("headingNameHint"), errors.headingName)}
        />
      </Field>
      <div className="span-2">
        <SignerFieldsClient idPrefix={`${prefix}-`} values={signerValues} errors={errors} />
      </div>
      <FormFooter state={state} pending={pending} label={body ? (pending ? t("saving") : t("save")) : pending ? t("adding") : t("add")} />
    </form>
  );
}
