"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { deleteBodyTemplateAction, saveBodyTemplateAction } from "@/lib/bodies/actions";
import { describedBy, Field } from "@/components/ui/field";
import { initialActionResult } from "@/lib/http/action-result";
import { FormFooter } from "@/components/ui/form-footer";

interface Option {
  value: string;
  label: string;
}

interface Template {
  id: number;
  unitKind: string;
  bodyKind: string;
  namePattern: string;
  symbol: string;
  parentLinePattern: string;
  sortOrder: number;
}

/** Adds a template to a unit kind, or edits one. */
export function BodyTemplateFormClient({
  template,
  unitKind,
  unitKinds,
  bodyKinds,
}: {
  template?: Template;
  unitKind?: string;
  unitKinds: Option[];
  bodyKinds: Option[];
}) {
  const t = useTranslations("adminBodies");
  const [state, action, pending] = useActionState(saveBodyTemplateAction, initialActionResult);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const prefix = useId();
  const id = (name: string) => `${prefix}-${name}`;
  const value = (name: "unitKind" | "bodyKind" | "namePattern" | "symbol" | "parentLinePattern" | "sortOrder") =>
    values[name] ?? (template ? String(template[name]) : name === "unitKind" ? (unitKind ?? "") : "");

  return (
    <form key={state.at ?? 0} className="form grid-2" action={action} noValidate>
      {template ? <input type="hidden" name="templateId" value={template.id} /> : null}
      <Field id={id("unitKind")} label={t("templates.unitKind")} error={errors.unitKind}>
        <select id={id("unitKind")} name="unitKind" defaultValue={value("unitKind")} required {...describedBy(id("unitKind"), undefined, errors.unitKind)}>
          <option value="">—</option>
          {unitKinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id("bodyKind")} label={t("templates.bodyKind")} error={errors.bodyKind}>
        <select id={id("bodyKind")} name="bodyKind" defaultValue={value("bodyKind")} required {...describedBy(id("bodyKind"), undefined, errors.bodyKind)}>
          <option value="">{t("chooseKind")}</option>
          {bodyKinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id("namePattern")} label={t("templates.namePattern")} error={errors.namePattern}>
        <input
          id={id("namePattern")}
          name="namePattern"
          defaultValue={value("namePattern")}
          required
          {...describedBy(id("namePattern"), undefined, errors.namePattern)}
        />
      </Field>
      <Field id={id("symbol")} label={t("templates.symbol")} error={errors.symbol}>
        <input
          id={id("symbol")}
          name="symbol"
          defaultValue={value("symbol")}
          spellCheck={false}
          required
          {...describedBy(id("symbol"), undefined, errors.symbol)}
        />
      </Field>
      <Field id={id("parentLinePattern")} label={t("templates.parentLinePattern")} error={errors.parentLinePattern}>
        <input
          id={id("parentLinePattern")}
          name="parentLinePattern"
          defaultValue={value("parentLinePattern")}
          {...describedBy(id("parentLinePattern"), undefined, errors.parentLinePattern)}
        />
      </Field>
      <Field id={id("sortOrder")} label={t("templates.order")} error={errors.sortOrder}>
        <input
          id={id("sortOrder")}
          name="sortOrder"
          type="number"
          min={0}
          max={9999}
          defaultValue={value("sortOrder") || "0"}
          {...describedBy(id("sortOrder"), undefined, errors.sortOrder)}
        />
      </Field>
      <FormFooter state={state} pending={pending} label={template ? t("save") : t("templates.add")} />
    </form>
  );
}

/** Deletes a template (bodies made from it stay). */
export function DeleteTemplateClient({ templateId, name }: { templateId: number; name: string }) {
  const t = useTranslations("adminBodies.templates");
  const [state, action, pending] = useActionState(deleteBodyTemplateAction, initialActionResult);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="templateId" value={templateId} />
      <button className="button small danger" type="submit" disabled={pending} aria-label={`${t("delete")}: ${name}`}>
        {t("delete")}
      </button>
      {state.message && !state.ok ? (
        <p className="notice small error" role="status">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
