import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { campaigns, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { zonedDateKey } from "@/lib/time/zone";

/**
 * The campaign the home page, calendar, board and forms open on, for this user:
 * the one they chose (users.current_campaign_id) unless it is archived; else
 * the only campaign not archived; else, among campaigns not archived, the
 * running one due last (then the latest finished; if none has started yet,
 * the next to start). Null when every campaign is archived, or there is none.
 * Several campaigns may run at once: the choice is the user's (chooseCurrentCampaign).
 */
export async function getCurrentCampaign(db: Db, user: Pick<SessionUser, "id"> | null, now: Date = new Date()) {
  if (user) {
    const chosen = await firstRow(
      db
        .select({ campaign: campaigns })
        .from(users)
        .innerJoin(campaigns, eq(campaigns.id, users.currentCampaignId))
        .where(and(eq(users.id, user.id), isNull(campaigns.archivedAt))),
    );
    if (chosen) return chosen.campaign;
  }
  const today = zonedDateKey(now);
  return (
    (await firstRow(
      db
        .select()
        .from(campaigns)
        .where(isNull(campaigns.archivedAt))
        // Started first, the one due last among them; else the next to start.
        .orderBy(
          sql`case when ${campaigns.startDate} <= ${today} then 0 else 1 end`,
          sql`case when ${campaigns.startDate} <= ${today} then ${campaigns.deadline} end desc`,
          asc(campaigns.startDate),
          desc(campaigns.id),
        )
        .limit(1),
    )) ?? null
  );
}
