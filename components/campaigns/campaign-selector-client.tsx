"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { chooseCampaignAction } from "@/lib/campaigns/actions";
import { initialActionResult } from "@/lib/http/action-result";
import { ActionMessage } from "@/components/ui/action-message";

interface Props {
  /** Campaigns not archived, as listActiveCampaigns gives them. */
  campaigns: { id: number; title: string }[];
  /** The user's current campaign (getCurrentCampaign). */
  currentId: number | null;
}

/** The user's current campaign (home, board, calendar, forms), remembered per user. */
export function CampaignSelectorClient({ campaigns, currentId }: Props) {
  const t = useTranslations("adminCampaigns.selector");
  const id = useId();
  const [state, action, pending] = useActionState(chooseCampaignAction, initialActionResult);
  if (campaigns.length === 0) return <p className="muted">{t("none")}</p>;

  return (
    <form className="inline-form wrap campaign-selector" action={action} data-testid="campaign-selector">
      <label htmlFor={id}>{t("label")}</label>
      <select id={id} name="campaignId" key={currentId ?? 0} defaultValue={currentId ?? ""}>
        {campaigns.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </select>
      <button className="button small" type="submit" disabled={pending}>
        {pending ? t("choosing") : t("choose")}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
