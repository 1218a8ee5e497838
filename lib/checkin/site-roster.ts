import { and, asc, eq, gte, inArray, lte, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conferenceCoBodies, conferences, sites, siteStaff } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { closeAfterMinutes, openBeforeMinutes } from "./window";

/** Sites where the user may scan now (door staff) or today (organisers and admins of the conference). */
export async function listScanSites(db: Db, user: SessionUser, now: Date = new Date()) {
  const opensBy = new Date(now.getTime() + openBeforeMinutes() * 60_000);
  const closesAfter = new Date(now.getTime() - closeAfterMinutes() * 60_000);
  const open = and(lte(conferences.startsAt, opensBy), gte(conferences.endsAt, closesAfter));
  const base = db
    .select({
      siteId: sites.id,
      venue: sites.venue,
      isMain: sites.isMain,
      conferenceId: conferences.id,
      title: conferences.title,
      startsAt: conferences.startsAt,
      endsAt: conferences.endsAt,
    })
    .from(sites)
    .innerJoin(conferences, eq(conferences.id, sites.conferenceId));
  if (user.role === "scanner") {
    const mine = db.select({ id: siteStaff.siteId }).from(siteStaff).where(eq(siteStaff.userId, user.id));
    return await base.where(and(open, inArray(sites.id, mine))).orderBy(asc(conferences.startsAt));
  }
  if (user.role === "admin") {
    const scoped = user.scopeUnitIds === "all" ? undefined : inArray(conferences.unitId, user.scopeUnitIds);
    return await base.where(and(open, scoped)).orderBy(asc(conferences.startsAt));
  }
  if (user.role !== "organizer" || user.bodyId === null) return [];
  const co = db.select({ id: conferenceCoBodies.conferenceId }).from(conferenceCoBodies).where(eq(conferenceCoBodies.bodyId, user.bodyId));
  return await base.where(and(open, or(eq(conferences.bodyId, user.bodyId), inArray(conferences.id, co)))).orderBy(asc(conferences.startsAt));
}
