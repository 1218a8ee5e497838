import { asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { bodyKinds, campaignRequirements, campaigns, unitKinds } from "@/db/schema";

/** Every campaign, the most recent deadline first (campaigns are province-wide: no unit scope). */
export async function listCampaigns(db: Db) {
  return await db.select({ id: campaigns.id, title: campaigns.title, deadline: campaigns.deadline }).from(campaigns).orderBy(desc(campaigns.deadline));
}

/** Campaigns not archived (the selector, the conference form), the given one first, then the most recent deadline first. */
export async function listActiveCampaigns(db: Db, firstId?: number | null) {
  return await db
    .select({ id: campaigns.id, title: campaigns.title, deadline: campaigns.deadline })
    .from(campaigns)
    .where(isNull(campaigns.archivedAt))
    .orderBy(sql`case when ${campaigns.id} = ${firstId ?? 0} then 0 else 1 end`, desc(campaigns.deadline), desc(campaigns.id));
}

/** The admin's list: every campaign with its number of requirements, running ones first. */
export async function listCampaignsForAdmin(db: Db) {
  return await db
    .select({
      id: campaigns.id,
      title: campaigns.title,
      resolution: campaigns.resolution,
      term: campaigns.term,
      startDate: campaigns.startDate,
      deadline: campaigns.deadline,
      archivedAt: campaigns.archivedAt,
      requirements: count(campaignRequirements.id),
    })
    .from(campaigns)
    .leftJoin(campaignRequirements, eq(campaignRequirements.campaignId, campaigns.id))
    .groupBy(campaigns.id)
    .orderBy(sql`${campaigns.archivedAt} is not null`, desc(campaigns.deadline), desc(campaigns.id));
}

export async function getCampaign(db: Db, campaignId: number) {
  return (await firstRow(db.select().from(campaigns).where(eq(campaigns.id, campaignId)))) ?? null;
}

export async function listRequirements(db: Db, campaignId: number) {
  return await db
    .select()
    .from(campaignRequirements)
    .where(eq(campaignRequirements.campaignId, campaignId))
    .orderBy(asc(campaignRequirements.sortOrder), asc(campaignRequirements.id));
}

/** The kinds a requirement may name: unit kinds, and body kinds marked requirable. */
export async function listRequirementKinds(db: Db) {
  return {
    unitKinds: await db.select({ key: unitKinds.key, label: unitKinds.label }).from(unitKinds).orderBy(asc(unitKinds.sortOrder), asc(unitKinds.key)),
    bodyKinds: await db
      .select({ key: bodyKinds.key, label: bodyKinds.label })
      .from(bodyKinds)
      .where(eq(bodyKinds.requirable, true))
      .orderBy(asc(bodyKinds.sortOrder), asc(bodyKinds.key)),
  };
}
