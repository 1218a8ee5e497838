import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CampaignSelectorClient } from "@/components/campaigns/campaign-selector-client";
import { AwaitingConfirmation } from "@/components/home/awaiting-confirmation";
import { CampaignProgress } from "@/components/home/campaign-progress";
import { DoorSchedule } from "@/components/checkin/door-schedule";
import { TodayConferences } from "@/components/home/today-conferences";
import { SetupChecklist } from "@/components/setup/setup-checklist";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { getBoard } from "@/lib/board/get-board";
import { getCurrentCampaign } from "@/lib/campaigns/current-campaign";
import { listActiveCampaigns } from "@/lib/campaigns/list-campaigns";
import { listAssignments } from "@/lib/checkin/list-assignments";
import { listAwaitingConfirmation, listConferences } from "@/lib/conferences/list-conferences";
import { can } from "@/lib/permissions";
import { getSetupProgress, isSetUp } from "@/lib/setup/setup-progress";
import { zonedDateKey, zonedInstant } from "@/lib/time/zone";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("home"))("title") };
}

export default async function HomePage() {
  const user = await requirePageUser("home:read");
  const t = await getTranslations();
  const now = new Date();
  const today = zonedDateKey(now);
  const tomorrow = zonedDateKey(zonedInstant(today).getTime() + 36 * 3600_000);

  const campaign = can(user.role, "campaign:read") ? await getCurrentCampaign(db, user) : null;
  const progress = campaign ? await getBoard(db, user, campaign.id, now) : null;
  // Several campaigns may run at once (a provincial and a national one): the user chooses which one home shows.
  const running = campaign ? await listActiveCampaigns(db, campaign.id) : [];
  const assignments = can(user.role, "checkin:scan") ? await listAssignments(db, user.id, now) : [];
  // Until the province is set up, its administrators are taken through the checklist first.
  const setup = can(user.role, "user:manage") ? await getSetupProgress(db, user) : null;

  return (
    <div className="stack">
      <h1>{t("home.greeting", { name: user.fullName })}</h1>
      {setup && !isSetUp(setup) ? <SetupChecklist steps={setup} /> : null}
      {assignments.length > 0 || user.role === "scanner" ? <DoorSchedule rows={assignments} /> : null}
      {can(user.role, "conference:write") ? <AwaitingConfirmation rows={await listAwaitingConfirmation(db, user, now)} /> : null}
      {can(user.role, "conference:read") ? (
        <TodayConferences now={now} rows={await listConferences(db, user, { during: { from: zonedInstant(today), to: zonedInstant(tomorrow) } })} />
      ) : null}
      {can(user.role, "campaign:read") ? (
        progress ? (
          <>
            {running.length > 1 ? <CampaignSelectorClient campaigns={running} currentId={campaign?.id ?? null} /> : null}
            <CampaignProgress progress={progress} wide={user.scopeUnitIds === "all"} now={now} />
          </>
        ) : (
          <p className="muted">{t("home.noCampaign")}</p>
        )
      ) : null}
      {can(user.role, "conference:read") ? (
        <p>
          <Link href="/conferences">{t("home.allConferences")} →</Link>
        </p>
      ) : null}
    </div>
  );
}
