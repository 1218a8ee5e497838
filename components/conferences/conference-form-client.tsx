"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { saveConferenceAction } from "@/lib/conferences/actions";
import { ConflictList } from "@/components/conferences/conflict-list";
import { SignerFieldsClient } from "@/components/documents/signer-fields-client";
import { describedBy, Field } from "@/components/ui/field";
import type { ConferenceFormOptions } from "@/lib/conferences/get-form-options";
import { initialActionResult } from "@/lib/http/action-result";

interface Props {
  options: ConferenceFormOptions;
  statuses: { value: string; label: string }[];
  conferenceId?: number;
  initial: Record<string, string>;
  initialCoBodyIds: number[];
}

export function ConferenceFormClient({ options, statuses, conferenceId, initial, initialCoBodyIds }: Props) {
  const t = useTranslations("conferenceForm");
  const p = useTranslations("polish.conferences");
  const [state, action, pending] = useActionState(saveConferenceAction, initialActionResult);
  // After warnings, one button confirms them. Changing the form afterwards asks the server again
  // (a new time may bring other warnings): the ordinary button comes back.
  const [editedAfter, setEditedAfter] = useState<number | null>(null);
  const confirming = Boolean(state.needsConfirm) && editedAfter !== (state.at ?? 0);
  const values = state.values ?? initial;
  const errors = state.fieldErrors ?? {};
  const [campaignId, setCampaignId] = useState(initial.campaignId ?? String(options.campaigns[0]?.id ?? ""));
  const [bodyId, setBodyId] = useState(initial.bodyId ?? String(options.bodies[0]?.id ?? ""));
  const body = options.bodies.find((b) => String(b.id) === bodyId);
  const requirements = options.requirements.filter((r) => String(r.campaignId) === campaignId && r.unitKind === body?.unitKind);
  const coBodies = options.coBodies.filter((b) => b.unitId === body?.unitId && b.id !== body?.id);
  const units = [...new Map(options.bodies.map((b) => [b.unitId, b.unitName])).entries()];
  const input = (name: string, hint?: string) => ({ id: name, name, defaultValue: values[name] ?? "", ...describedBy(name, hint, errors[name]) });

  return (
    <form
      key={state.at ?? 0}
      className="form conference-form"
      action={action}
      noValidate
      onInput={() => (state.needsConfirm ? setEditedAfter(state.at ?? 0) : undefined)}
    >
      {conferenceId ? <input type="hidden" name="conferenceId" value={conferenceId} /> : null}
      <fieldset>
        <legend>{t("organisation")}</legend>
        <div className="grid-2">
          <Field id="campaignId" label={t("campaign")} error={errors.campaignId}>
            <select
              id="campaignId"
              name="campaignId"
              value={campaignId}
              onChange={(e) => setCampaignId(e.target.value)}
              {...describedBy("campaignId", undefined, errors.campaignId)}
            >
              {options.campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </Field>
          <Field id="bodyId" label={t("body")} error={errors.bodyId}>
            <select id="bodyId" name="bodyId" value={bodyId} onChange={(e) => setBodyId(e.target.value)} {...describedBy("bodyId", undefined, errors.bodyId)}>
              {units.map(([unitId, unitName]) => (
                <optgroup key={unitId} label={unitName}>
                  {options.bodies
                    .filter((b) => b.unitId === unitId)
                    .map((b) => (
                      <option key={b.id} value={b.id}>
                        {b.name}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </Field>
          <Field id="requirementId" label={t("requirement")} hint={t("requirementHint")} error={errors.requirementId}>
            <select key={`${campaignId}-${bodyId}`} {...input("requirementId", t("requirementHint"))}>
              <option value="">{t("noRequirement")}</option>
              {requirements.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title}
                </option>
              ))}
            </select>
          </Field>
          {coBodies.length > 0 ? (
            <fieldset className="checkbox-group">
              <legend>{t("coBodies")}</legend>
              {coBodies.map((b) => (
                <label key={b.id} className="checkbox">
                  <input type="checkbox" name="coBodyIds" value={b.id} defaultChecked={initialCoBodyIds.includes(b.id)} /> {b.name}
                </label>
              ))}
            </fieldset>
          ) : null}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("content")}</legend>
        <Field id="title" label={t("title")} error={errors.title}>
          <input {...input("title")} maxLength={300} required />
        </Field>
        <div className="grid-2">
          <Field id="chair" label={t("chair")} hint={t("chairHint")} error={errors.chair}>
            <input {...input("chair", t("chairHint"))} maxLength={300} />
          </Field>
          <Field id="status" label={t("status")} error={errors.status}>
            <select {...input("status")}>
              {statuses.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field id="contact" label={t("contact")} hint={t("contactHint")} error={errors.contact}>
          <input {...input("contact", t("contactHint"))} maxLength={300} />
        </Field>
        <Field id="audience" label={t("audience")} error={errors.audience}>
          <textarea {...input("audience")} rows={3} maxLength={2000} />
        </Field>
        <Field id="agenda" label={t("agenda")} error={errors.agenda}>
          <textarea {...input("agenda")} rows={5} maxLength={5000} />
        </Field>
      </fieldset>

      <SignerFieldsClient key={bodyId} values={values} errors={errors} bodyDefault={body?.defaultSigner ?? ""} placeholders={body?.signer} />

      <fieldset>
        <legend>{t("timeAndPlace")}</legend>
        <p className="hint">{t("timeZoneHint")}</p>
        <div className="grid-4">
          <Field id="startDate" label={t("startDate")} hint={t("dateHint")} error={errors.startDate}>
            <input {...input("startDate", t("dateHint"))} inputMode="numeric" placeholder={t("datePlaceholder")} autoComplete="off" maxLength={10} required />
          </Field>
          <Field id="startTime" label={t("startTime")} error={errors.startTime}>
            <input {...input("startTime")} inputMode="numeric" placeholder="HH:mm" autoComplete="off" maxLength={5} required />
          </Field>
          <Field id="endDate" label={t("endDate")} hint={t("dateHint")} error={errors.endDate}>
            <input {...input("endDate", t("dateHint"))} inputMode="numeric" placeholder={t("datePlaceholder")} autoComplete="off" maxLength={10} required />
          </Field>
          <Field id="endTime" label={t("endTime")} error={errors.endTime}>
            <input {...input("endTime")} inputMode="numeric" placeholder="HH:mm" autoComplete="off" maxLength={5} required />
          </Field>
        </div>
        <div className="grid-2">
          <Field id="venue" label={t("venue")} hint={t("venueHint")} error={errors.venue}>
            <input {...input("venue", t("venueHint"))} maxLength={200} required />
          </Field>
          <Field id="address" label={t("address")} error={errors.address}>
            <input {...input("address")} maxLength={300} />
          </Field>
          <Field id="capacity" label={t("capacity")} error={errors.capacity}>
            <input type="number" min={1} inputMode="numeric" {...input("capacity")} />
          </Field>
          <Field id="graceMinutes" label={t("grace")} hint={t("graceHint")} error={errors.graceMinutes}>
            <input type="number" min={0} max={240} inputMode="numeric" {...input("graceMinutes", t("graceHint"))} required />
          </Field>
        </div>
      </fieldset>

      {state.conflicts?.length ? <ConflictList conflicts={state.conflicts} /> : null}
      {state.message ? (
        <p className="notice error" role="alert">
          {state.message}
        </p>
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <p className="notice error" role="alert">
          {t("fixErrors")}
        </p>
      ) : null}
      <div className="form-footer">
        {confirming ? (
          <>
            <p className="hint" data-testid="confirm-hint">
              {p("confirmHint")}
            </p>
            <button className="button primary" type="submit" name="confirmWarnings" value="1" disabled={pending}>
              {pending ? t("saving") : conferenceId ? p("confirmSave") : p("confirmCreate")}
            </button>
          </>
        ) : (
          <button className="button primary" type="submit" disabled={pending}>
            {pending ? t("saving") : conferenceId ? t("save") : t("create")}
          </button>
        )}
      </div>
    </form>
  );
}
