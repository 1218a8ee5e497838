import { desc } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns } from "@/db/schema";

/** Every campaign, the most recent deadline first (campaigns are province-wide: no unit scope). */
export function listCampaigns(db: Db) {
  return db.select({ id: campaigns.id, title: campaigns.title, deadline: campaigns.deadline }).from(campaigns).orderBy(desc(campaigns.deadline)).all();
}
