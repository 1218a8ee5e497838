"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createUnitAction, updateUnitAction } from "@/lib/units/actions";
import { describedBy, Field } from "@/components/ui/field";
import { initialActionResult } from "@/lib/http/action-result";
import { FormFooter } from "@/components/ui/form-footer";

export interface UnitFormValues {
  id?: number;
  code: string;
  name: string;
  kind: string;
  placeName: string;
  parentId: number | null;
  sortOrder: number;
}

interface Props {
  /** Absent: a new unit. */
  unit?: UnitFormValues;
  defaultParentId?: number;
  kinds: { key: string; label: string }[];
  /** Units it may be put under, already indented by depth, the unit's own subtree left out. */
  parents: { id: number; label: string }[];
  /** The current parent when the actor does not manage it (their own unit's parent): kept as it is. */
  fixedParent?: { id: number; name: string };
  /** The actor's own unit (a delegated admin): its code and kind are the admin above's to change. */
  identityFixed?: boolean;
}

export function UnitFormClient({ unit, defaultParentId, kinds, parents, fixedParent, identityFixed = false }: Props) {
  const t = useTranslations("adminUnits");
  const [state, action, pending] = useActionState(unit ? updateUnitAction : createUnitAction, initialActionResult);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const value = (key: keyof UnitFormValues, fallback = "") => values[key] ?? (unit ? String(unit[key] ?? "") : fallback);
  const isRoot = unit !== undefined && unit.parentId === null;

  return (
    // Re-mounted after each answer: refilled after a refusal; after a new unit, empty but for its parent and kind.
    <form key={state.at ?? 0} className="form grid-2" action={action} noValidate data-testid="unit-form">
      {unit ? <input type="hidden" name="unitId" value={unit.id} /> : null}
      <Field id="code" label={t("code")} hint={t("codeHint")} error={errors.code}>
        <input
          id="code"
          name="code"
          defaultValue={value("code")}
          readOnly={identityFixed}
          autoCapitalize="none"
          spellCheck={false}
          required
          {...describedBy("code", t("codeHint"), errors.code)}
        />
      </Field>
      <Field id="name" label={t("name")} error={errors.name}>
        <input id="name" name="name" defaultValue={value("name")} required {...describedBy("name", undefined, errors.name)} />
      </Field>
      <Field id="kind" label={t("kind")} hint={identityFixed ? t("errors.ownUnitFixed") : undefined} error={errors.kind}>
        <select
          id="kind"
          name="kind"
          defaultValue={value("kind")}
          required
          {...describedBy("kind", identityFixed ? t("errors.ownUnitFixed") : undefined, errors.kind)}
        >
          <option value="">{t("chooseKind")}</option>
          {kinds
            .filter((k) => !identityFixed || k.key === unit?.kind)
            .map((k) => (
              <option key={k.key} value={k.key}>
                {k.label}
              </option>
            ))}
        </select>
      </Field>
      <Field id="placeName" label={t("placeName")} hint={t("placeNameHint")} error={errors.placeName}>
        <input id="placeName" name="placeName" defaultValue={value("placeName")} {...describedBy("placeName", t("placeNameHint"), errors.placeName)} />
      </Field>
      {isRoot ? (
        <input type="hidden" name="parentId" value="" />
      ) : (
        <Field id="parentId" label={t("parent")} hint={unit ? t("parentHint") : undefined} error={errors.parentId}>
          <select
            id="parentId"
            name="parentId"
            defaultValue={value("parentId", defaultParentId ? String(defaultParentId) : "")}
            required
            {...describedBy("parentId", unit ? t("parentHint") : undefined, errors.parentId)}
          >
            <option value="">{t("chooseParent")}</option>
            {fixedParent ? <option value={fixedParent.id}>{fixedParent.name}</option> : null}
            {parents.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field id="sortOrder" label={t("sortOrder")} error={errors.sortOrder}>
        <input
          id="sortOrder"
          name="sortOrder"
          type="number"
          inputMode="numeric"
          defaultValue={value("sortOrder", "0")}
          {...describedBy("sortOrder", undefined, errors.sortOrder)}
        />
      </Field>
      <FormFooter state={state} pending={pending} label={unit ? (pending ? t("saving") : t("save")) : pending ? t("creating") : t("create")} />
    </form>
  );
}
