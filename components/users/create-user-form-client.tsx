"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { createUserAction } from "@/lib/users/actions";
import { describedBy, Field } from "@/components/ui/field";
import { initialActionResult } from "@/lib/http/action-result";
import { FormFooter } from "@/components/ui/form-footer";

interface Props {
  units: { id: number; name: string; bodies: { id: number; name: string }[] }[];
  roles: { value: string; label: string }[];
}

export function CreateUserFormClient({ units, roles }: Props) {
  const t = useTranslations("users");
  const [state, action, pending] = useActionState(createUserAction, initialActionResult);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const [unitId, setUnitId] = useState(values.unitId ?? "");
  const [role, setRole] = useState(values.role ?? "viewer");
  const bodies = units.find((u) => String(u.id) === unitId)?.bodies ?? [];

  return (
    // The key re-mounts the inputs after each answer: refilled after a refusal, empty after success.
    <form key={state.at ?? 0} className="form grid-2" action={action} noValidate>
      <Field id="username" label={t("username")} hint={t("usernameHint")} error={errors.username}>
        <input
          id="username"
          name="username"
          defaultValue={values.username}
          autoCapitalize="none"
          spellCheck={false}
          required
          {...describedBy("username", t("usernameHint"), errors.username)}
        />
      </Field>
      <Field id="fullName" label={t("fullName")} error={errors.fullName}>
        <input id="fullName" name="fullName" defaultValue={values.fullName} required {...describedBy("fullName", undefined, errors.fullName)} />
      </Field>
      <Field id="role" label={t("role")} error={errors.role}>
        <select id="role" name="role" value={role} onChange={(e) => setRole(e.target.value)} {...describedBy("role", undefined, errors.role)}>
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="unitId" label={t("unit")} error={errors.unitId}>
        <select
          id="unitId"
          name="unitId"
          value={unitId}
          onChange={(e) => setUnitId(e.target.value)}
          required
          {...describedBy("unitId", undefined, errors.unitId)}
        >
          <option value="">{t("chooseUnit")}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </Field>
      {role === "organizer" ? (
        <Field id="bodyId" label={t("body")} hint={t("bodyHint")} error={errors.bodyId}>
          <select id="bodyId" name="bodyId" defaultValue={values.bodyId ?? ""} {...describedBy("bodyId", t("bodyHint"), errors.bodyId)}>
            <option value="">{t("chooseBody")}</option>
            {bodies.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <Field id="password" label={t("password")} error={errors.password}>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          {...describedBy("password", undefined, errors.password)}
        />
      </Field>
      <FormFooter state={state} pending={pending} label={pending ? t("creating") : t("create")} />
    </form>
  );
}
