/**
 * The user's own choice of current campaign (home, board, calendar, forms).
 * Any user who may read campaigns may choose among those not archived; the
 * choice is theirs alone, so it is not audited.
 */
import { and, eq, isNull } from "drizzle-orm";
import { firstRow, transaction, type Db } from "@/db/client";
import { campaigns, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";

export type ChooseResult = { ok: true; title: string } | { ok: false; code: "campaignNotFound" };

export async function chooseCurrentCampaign(db: Db, user: Pick<SessionUser, "id">, campaignId: number): Promise<ChooseResult> {
  return await transaction(db, async (db) => {
    const campaign = await firstRow(
      db
        .select({ id: campaigns.id, title: campaigns.title })
        .from(campaigns)
        .where(and(eq(campaigns.id, campaignId), isNull(campaigns.archivedAt))),
    );
    if (!campaign) return { ok: false, code: "campaignNotFound" };
    await db.update(users).set({ currentCampaignId: campaign.id }).where(eq(users.id, user.id));
    return { ok: true, title: campaign.title };
  });
}
