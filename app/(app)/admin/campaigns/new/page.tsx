import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CampaignFormClient } from "@/components/campaigns/campaign-form-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { getCurrentCampaign } from "@/lib/campaigns/current-campaign";
import { listCampaigns } from "@/lib/campaigns/list-campaigns";
import { isRootAdmin } from "@/lib/campaigns/manage-campaigns";
import { parseId } from "@/lib/http/request-input";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminCampaigns"))("newTitle") };
}

/** A new campaign: blank, or (the usual case) copied from an earlier one, the current one offered first. */
export default async function NewCampaignPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const user = await requirePageUser("campaign:manage");
  if (!isRootAdmin(user)) notFound();
  const t = await getTranslations("adminCampaigns");
  // "Sao chép" on the list names the campaign to copy; otherwise the current one is offered first.
  const asked = (await searchParams).copyFrom;
  const firstId = (typeof asked === "string" ? parseId(asked) : null) ?? (await getCurrentCampaign(db, user))?.id;
  const sources = (await listCampaigns(db)).sort((a, b) => Number(b.id === firstId) - Number(a.id === firstId));

  return (
    <div className="stack">
      <p>
        <Link href="/admin/campaigns">{t("backToList")}</Link>
      </p>
      <h1>{t("newTitle")}</h1>
      <section className="card">
        <CampaignFormClient copySources={sources.map((c) => ({ id: c.id, title: c.title }))} />
      </section>
    </div>
  );
}
