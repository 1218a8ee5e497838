import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BoardTable } from "@/components/board/board-table";
import { CampaignSelectorClient } from "@/components/campaigns/campaign-selector-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { boardView } from "@/lib/board/board-view";
import { getBoard } from "@/lib/board/get-board";
import { getCurrentCampaign } from "@/lib/campaigns/current-campaign";
import { listActiveCampaigns } from "@/lib/campaigns/list-campaigns";
import { boardQuerySchema } from "@/lib/schemas/calendar";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("board"))("title") };
}

export default async function BoardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const user = await requirePageUser("campaign:read");
  const t = await getTranslations();
  const query = boardQuerySchema.parse(await searchParams);
  const current = await getCurrentCampaign(db, user);
  // A campaign in the URL (a shared link, an archived campaign) wins over the user's choice.
  const campaignId = query.campaign ?? current?.id;
  const progress = campaignId ? await getBoard(db, user, campaignId) : null;
  const selector = <CampaignSelectorClient campaigns={await listActiveCampaigns(db, current?.id)} currentId={current?.id ?? null} />;
  if (!progress) {
    return (
      <div className="stack">
        <h1>{t("board.title")}</h1>
        {current ? selector : null}
        <p className="muted">{t("home.noCampaign")}</p>
      </div>
    );
  }
  // The selector chooses the campaign: the board's own filter form keeps the one shown.
  return <BoardTable progress={progress} board={boardView(progress, query.status)} campaigns={[]} status={query.status} selector={selector} />;
}
