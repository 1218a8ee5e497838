"use client";

import { useTranslations } from "next-intl";
import { setArchivedAction } from "@/lib/campaigns/actions";
import { ConfirmToggleFormClient } from "@/components/ui/confirm-toggle-form-client";

export function ArchiveCampaignClient({ campaignId, title, archived }: { campaignId: number; title: string; archived: boolean }) {
  const t = useTranslations("adminCampaigns");
  return (
    <ConfirmToggleFormClient
      action={setArchivedAction}
      fields={{ campaignId, archived: archived ? "0" : "1" }}
      label={archived ? t("unarchive") : t("archive")}
      confirm={archived ? null : t("archiveConfirm", { title })}
      danger={!archived}
      className="inline-form wrap"
    />
  );
}
