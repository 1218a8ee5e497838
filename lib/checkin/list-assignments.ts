import { and, asc, eq, gte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conferences, sites, siteStaff } from "@/db/schema";

/** The sites a door-staff account is assigned to, for conferences that have not ended. */
export function listAssignments(db: Db, userId: number, now: Date = new Date()) {
  return db
    .select({
      siteId: sites.id,
      venue: sites.venue,
      address: sites.address,
      isMain: sites.isMain,
      conferenceId: conferences.id,
      title: conferences.title,
      startsAt: conferences.startsAt,
      endsAt: conferences.endsAt,
      status: conferences.status,
    })
    .from(siteStaff)
    .innerJoin(sites, eq(sites.id, siteStaff.siteId))
    .innerJoin(conferences, eq(conferences.id, sites.conferenceId))
    .where(and(eq(siteStaff.userId, userId), gte(conferences.endsAt, now)))
    .orderBy(asc(conferences.startsAt))
    .all();
}
