import { and, asc, count, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { absences, bodies, campaignRequirements, campaigns, checkIns, conferenceCoBodies, conferences, invitations, sites, units } from "@/db/schema";
import { conferenceReadScope, conferenceWriteScope, siteReadScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";
import { attendanceRate, isOver, tally } from "@/lib/reports/attendance-rules";
import { countedInvitation } from "@/lib/reports/counted-invitation";
import { effectiveStatus } from "./effective-status";

/**
 * One conference with its sites and counts, or null when it does not exist
 * or is outside the user's scope (the caller answers 404 either way).
 * `sites` and `totals` are the user's part only (siteReadScope): a provincial
 * conference seen from a district has that district's bridge point(s); `partial`
 * says so.
 */
export async function getConference(db: Db, user: SessionUser, id: number, now: Date = new Date()) {
  const row = await firstRow(
    db
      .select({
        id: conferences.id,
        title: conferences.title,
        agenda: conferences.agenda,
        audience: conferences.audience,
        chair: conferences.chair,
        startsAt: conferences.startsAt,
        endsAt: conferences.endsAt,
        status: conferences.status,
        /** The status as of now, following the clock (shown); `status` is what was set (the actions start from it). */
        currentStatus: effectiveStatus(db, now),
        cancelReason: conferences.cancelReason,
        graceMinutes: conferences.graceMinutes,
        campaignId: campaigns.id,
        campaignTitle: campaigns.title,
        requirementTitle: campaignRequirements.title,
        unitId: units.id,
        unitName: units.name,
        bodyId: bodies.id,
        bodyName: bodies.name,
        canEdit: sql<number>`case when ${conferenceWriteScope(user)} then 1 else 0 end`.mapWith(Number),
      })
      .from(conferences)
      .innerJoin(campaigns, eq(campaigns.id, conferences.campaignId))
      .innerJoin(units, eq(units.id, conferences.unitId))
      .innerJoin(bodies, eq(bodies.id, conferences.bodyId))
      .leftJoin(campaignRequirements, eq(campaignRequirements.id, conferences.requirementId))
      .where(and(eq(conferences.id, id), conferenceReadScope(db, user))),
  );
  if (!row) return null;

  const coBodies = await db
    .select({ id: bodies.id, name: bodies.name })
    .from(conferenceCoBodies)
    .innerJoin(bodies, eq(bodies.id, conferenceCoBodies.bodyId))
    .where(eq(conferenceCoBodies.conferenceId, id));

  // Counted as the reports count (lib/reports/attendance-rules.ts, countedInvitation): issued invitations, their check-ins and
  // recorded absences; walk-ins apart. The rate is the reports' rate, so this page and the report show the same figure.
  const invitedBySite = db
    .select({ siteId: invitations.siteId, n: count().as("invited_n") })
    .from(invitations)
    .where(and(eq(invitations.conferenceId, id), countedInvitation()))
    .groupBy(invitations.siteId)
    .as("invited_by_site");
  const presentBySite = db
    .select({
      siteId: invitations.siteId,
      n: count().as("present_n"),
      late: sql<number>`sum(case when ${checkIns.isLate} then 1 else 0 end)`.mapWith(Number).as("late_n"),
    })
    .from(checkIns)
    .innerJoin(invitations, eq(invitations.id, checkIns.invitationId))
    .where(and(eq(checkIns.conferenceId, id), countedInvitation()))
    .groupBy(invitations.siteId)
    .as("present_by_site");
  const excusedBySite = db
    .select({ siteId: invitations.siteId, n: count().as("excused_n") })
    .from(absences)
    .innerJoin(invitations, eq(invitations.id, absences.invitationId))
    .leftJoin(checkIns, eq(checkIns.invitationId, invitations.id))
    .where(and(eq(invitations.conferenceId, id), countedInvitation(), isNotNull(absences.reason), isNull(checkIns.invitationId)))
    .groupBy(invitations.siteId)
    .as("excused_by_site");

  const over = isOver({ status: row.currentStatus, endsAt: row.endsAt }, now);
  const siteRows = (
    await db
      .select({
        id: sites.id,
        isMain: sites.isMain,
        venue: sites.venue,
        address: sites.address,
        capacity: sites.capacity,
        unitName: units.name,
        invited: sql<number>`coalesce(${invitedBySite.n}, 0)`.mapWith(Number),
        present: sql<number>`coalesce(${presentBySite.n}, 0)`.mapWith(Number),
        late: sql<number>`coalesce(${presentBySite.late}, 0)`.mapWith(Number),
        excused: sql<number>`coalesce(${excusedBySite.n}, 0)`.mapWith(Number),
      })
      .from(sites)
      .innerJoin(units, eq(units.id, sites.unitId))
      .leftJoin(invitedBySite, eq(invitedBySite.siteId, sites.id))
      .leftJoin(presentBySite, eq(presentBySite.siteId, sites.id))
      .leftJoin(excusedBySite, eq(excusedBySite.siteId, sites.id))
      .where(and(eq(sites.conferenceId, id), siteReadScope(db, user)))
      .orderBy(sql`${sites.isMain} desc`, asc(units.sortOrder))
  ).map((s) => ({
    ...s,
    rate: attendanceRate(tally({ invited: s.invited, present: s.present, late: s.late, substitutes: 0, excused: s.excused, madeUp: 0 }, over)),
  }));
  const allSites = (await firstRow(db.select({ n: count() }).from(sites).where(eq(sites.conferenceId, id))))!.n;

  const sums = siteRows.reduce(
    (acc, s) => ({ invited: acc.invited + s.invited, present: acc.present + s.present, late: acc.late + s.late, excused: acc.excused + s.excused }),
    { invited: 0, present: 0, late: 0, excused: 0 },
  );
  const totals = { ...sums, rate: attendanceRate(tally({ ...sums, substitutes: 0, madeUp: 0 }, over)) };

  return { ...row, canEdit: row.canEdit === 1, coBodies, sites: siteRows, totals, partial: siteRows.length < allSites };
}

export type ConferenceDetail = NonNullable<Awaited<ReturnType<typeof getConference>>>;
