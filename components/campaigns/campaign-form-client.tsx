"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createCampaignAction, updateCampaignAction } from "@/lib/campaigns/actions";
import { describedBy, Field } from "@/components/ui/field";
import { initialActionResult } from "@/lib/http/action-result";
import { FormFooter } from "@/components/ui/form-footer";

interface Props {
  /** Edit an existing campaign (its id and values, dates as dd/MM/yyyy); without it, the "new campaign" form. */
  campaign?: { id: number; title: string; resolution: string; term: string; startDate: string; deadline: string };
  /** Earlier campaigns to copy requirements from (new campaign only), the usual one first. */
  copySources?: { id: number; title: string }[];
}

export function CampaignFormClient({ campaign, copySources = [] }: Props) {
  const t = useTranslations("adminCampaigns");
  const [state, action, pending] = useActionState(campaign ? updateCampaignAction : createCampaignAction, initialActionResult);
  const errors = state.fieldErrors ?? {};
  const values: Record<string, string | undefined> =
    state.values ?? (campaign ? { ...campaign, id: String(campaign.id) } : { copyFromId: copySources[0] ? String(copySources[0].id) : "" });

  return (
    <form key={state.at ?? 0} className="form grid-2" action={action} noValidate>
      {campaign ? <input type="hidden" name="campaignId" value={campaign.id} /> : null}
      {campaign ? null : (
        <Field id="copyFromId" label={t("fields.copyFrom")} hint={t("fields.copyFromHint")} error={errors.copyFromId}>
          <select
            id="copyFromId"
            name="copyFromId"
            defaultValue={values.copyFromId ?? ""}
            {...describedBy("copyFromId", t("fields.copyFromHint"), errors.copyFromId)}
          >
            <option value="">{t("fields.blank")}</option>
            {copySources.map((c) => (
              <option key={c.id} value={c.id}>
                {t("fields.copyOption", { title: c.title })}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field id="title" label={t("fields.title")} error={errors.title}>
        <input id="title" name="title" defaultValue={values.title} required {...describedBy("title", undefined, errors.title)} />
      </Field>
      <Field id="resolution" label={t("fields.resolution")} error={errors.resolution}>
        <input id="resolution" name="resolution" defaultValue={values.resolution} required {...describedBy("resolution", undefined, errors.resolution)} />
      </Field>
      <Field id="term" label={t("fields.term")} hint={t("fields.termHint")} error={errors.term}>
        <input id="term" name="term" defaultValue={values.term} {...describedBy("term", t("fields.termHint"), errors.term)} />
      </Field>
      <Field id="startDate" label={t("fields.startDate")} hint={t("fields.dateHint")} error={errors.startDate}>
        <input
          id="startDate"
          name="startDate"
          defaultValue={values.startDate}
          inputMode="numeric"
          placeholder="dd/MM/yyyy"
          required
          {...describedBy("startDate", t("fields.dateHint"), errors.startDate)}
        />
      </Field>
      <Field id="deadline" label={t("fields.deadline")} hint={t("fields.dateHint")} error={errors.deadline}>
        <input
          id="deadline"
          name="deadline"
          defaultValue={values.deadline}
          inputMode="numeric"
          placeholder="dd/MM/yyyy"
          required
          {...describedBy("deadline", t("fields.dateHint"), errors.deadline)}
        />
      </Field>
      <FormFooter state={state} pending={pending} label={campaign ? (pending ? t("saving") : t("save")) : pending ? t("creating") : t("create")} />
    </form>
  );
}
