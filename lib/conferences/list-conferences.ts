import { and, asc, count, desc, eq, gt, gte, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { epochMillis } from "@/db/dialect";
import { bodies, checkIns, conferences, invitations, units, type ConferenceStatus } from "@/db/schema";
import { conferenceReadScope, conferenceWriteScope, inSiteScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";
import { countedInvitation } from "@/lib/reports/counted-invitation";
import { zonedDateKey, zonedInstant } from "@/lib/time/zone";
import { awaitingConfirmation, effectiveStatus } from "./effective-status";

export interface ConferenceFilters {
  unitId?: number;
  status?: ConferenceStatus;
  /** Only conferences that overlap this interval. */
  during?: { from: Date; to: Date };
}

/**
 * Conferences in the user's scope with their invitation and attendance counts (of the user's part:
 * inSiteScope; counted as the reports count: countedInvitation, walk-ins apart). Today's and the
 * coming ones first, from the soonest; then those that ended before today, the latest first
 * (`upcoming`: 1 for the first group). "Today" is the day in Vietnam.
 */
export async function listConferences(db: Db, user: SessionUser, filters: ConferenceFilters = {}, now: Date = new Date()) {
  const invited = db
    .select({ conferenceId: invitations.conferenceId, n: count().as("invited_n") })
    .from(invitations)
    .where(and(countedInvitation(), inSiteScope(db, user, invitations.siteId)))
    .groupBy(invitations.conferenceId)
    .as("invited");
  const present = db
    .select({ conferenceId: checkIns.conferenceId, n: count().as("present_n") })
    .from(checkIns)
    .innerJoin(invitations, eq(invitations.id, checkIns.invitationId))
    .where(and(countedInvitation(), inSiteScope(db, user, checkIns.siteId)))
    .groupBy(checkIns.conferenceId)
    .as("present");

  const status = effectiveStatus(db, now);
  const startOfToday = zonedInstant(zonedDateKey(now));
  // The comparison through drizzle's operator: the instant is bound as the column stores it (milliseconds on SQLite, a timestamp on PostgreSQL).
  const upcoming = sql<number>`case when ${gte(conferences.endsAt, startOfToday)} then 1 else 0 end`.mapWith(Number);
  return (
    await db
      .select({
        id: conferences.id,
        title: conferences.title,
        startsAt: conferences.startsAt,
        endsAt: conferences.endsAt,
        status,
        unitId: conferences.unitId,
        unitName: units.name,
        bodyName: bodies.name,
        invited: sql<number>`coalesce(${invited.n}, 0)`.mapWith(Number),
        present: sql<number>`coalesce(${present.n}, 0)`.mapWith(Number),
        upcoming,
      })
      .from(conferences)
      .innerJoin(units, eq(units.id, conferences.unitId))
      .innerJoin(bodies, eq(bodies.id, conferences.bodyId))
      .leftJoin(invited, eq(invited.conferenceId, conferences.id))
      .leftJoin(present, eq(present.conferenceId, conferences.id))
      .where(
        and(
          conferenceReadScope(db, user),
          filters.unitId ? eq(conferences.unitId, filters.unitId) : undefined,
          filters.status ? sql`${status} = ${filters.status}` : undefined,
          filters.during ? and(lt(conferences.startsAt, filters.during.to), gt(conferences.endsAt, filters.during.from)) : undefined,
        ),
      )
      .orderBy(
        desc(upcoming),
        sql`case when ${upcoming} = 1 then ${epochMillis(conferences.startsAt)} else -${epochMillis(conferences.startsAt)} end`,
        asc(units.sortOrder),
        asc(conferences.id),
      )
  ).map((row) => ({ ...row, upcoming: row.upcoming === 1 }));
}

/**
 * The organiser's task: conferences they may change that ended with nobody checked in and are
 * still "scheduled" or "in progress" (the clock cannot tell whether they were held on paper).
 */
export async function listAwaitingConfirmation(db: Db, user: SessionUser, now: Date = new Date()) {
  return await db
    .select({ id: conferences.id, title: conferences.title, endsAt: conferences.endsAt, unitName: units.name })
    .from(conferences)
    .innerJoin(units, eq(units.id, conferences.unitId))
    .where(and(conferenceWriteScope(user), awaitingConfirmation(db, now)))
    .orderBy(asc(conferences.endsAt))
    .limit(20);
}
