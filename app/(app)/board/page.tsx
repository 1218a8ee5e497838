import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ComplianceBoard } from "@/components/board/compliance-board";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { buildBoard } from "@/lib/campaigns/compliance-board";
import { getCompliance, getCurrentCampaign } from "@/lib/campaigns/get-compliance";
import { listCampaigns } from "@/lib/campaigns/list-campaigns";
import { boardQuerySchema } from "@/lib/schemas/calendar";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("board"))("title") };
}

export default async function BoardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const user = await requirePageUser("campaign:read");
  const t = await getTranslations();
  const query = boardQuerySchema.parse(await searchParams);
  const campaignId = query.campaign ?? getCurrentCampaign(db, user)?.id;
  const compliance = campaignId ? getCompliance(db, user, campaignId) : null;
  if (!compliance) {
    return (
      <div className="stack">
        <h1>{t("board.title")}</h1>
        <p className="muted">{t("home.noCampaign")}</p>
      </div>
    );
  }
  return (
    <ComplianceBoard
      compliance={compliance}
      board={buildBoard(compliance, query.status)}
      campaigns={listCampaigns(db)}
      status={query.status}
    />
  );
}
