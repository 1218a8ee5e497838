"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { setArchivedAction } from "@/app/(app)/admin/campaigns/actions";
import { initialActionResult } from "@/lib/http/action-result";

export function ArchiveCampaignClient({ campaignId, title, archived }: { campaignId: number; title: string; archived: boolean }) {
  const t = useTranslations("adminCampaigns");
  const [state, action, pending] = useActionState(setArchivedAction, initialActionResult);
  return (
    <form
      action={action}
      className="inline-form wrap"
      onSubmit={(e) => {
        if (!archived && !window.confirm(t("archiveConfirm", { title }))) e.preventDefault();
      }}
    >
      <input type="hidden" name="campaignId" value={campaignId} />
      <input type="hidden" name="archived" value={archived ? "0" : "1"} />
      <button className={`button small ${archived ? "" : "danger"}`} type="submit" disabled={pending}>
        {archived ? t("unarchive") : t("archive")}
      </button>
      {state.message ? (
        <span className={`notice small ${state.ok ? "success" : "error"}`} role="status">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
