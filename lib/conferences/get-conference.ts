import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  bodies,
  campaignRequirements,
  campaigns,
  checkIns,
  conferenceCoBodies,
  conferences,
  invitations,
  sites,
  units,
} from "@/db/schema";
import { conferenceReadScope, conferenceWriteScope, siteReadScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";
import { effectiveStatus } from "./effective-status";

/**
 * One conference with its sites and counts, or null when it does not exist
 * or is outside the user's scope (the caller answers 404 either way).
 * `sites` and `totals` are the user's part only (siteReadScope): a provincial
 * conference seen from a district has that district's bridge point(s); `partial`
 * says so.
 */
export function getConference(db: Db, user: SessionUser, id: number) {
  const row = db
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
      currentStatus: effectiveStatus(db, new Date()),
      cancelReason: conferences.cancelReason,
      graceMinutes: conferences.graceMinutes,
      campaignId: campaigns.id,
      campaignTitle: campaigns.title,
      requirementTitle: campaignRequirements.title,
      unitId: units.id,
      unitName: units.name,
      bodyId: bodies.id,
      bodyName: bodies.name,
      canEdit: sql<number>`case when ${conferenceWriteScope(user)} then 1 else 0 end`,
    })
    .from(conferences)
    .innerJoin(campaigns, eq(campaigns.id, conferences.campaignId))
    .innerJoin(units, eq(units.id, conferences.unitId))
    .innerJoin(bodies, eq(bodies.id, conferences.bodyId))
    .leftJoin(campaignRequirements, eq(campaignRequirements.id, conferences.requirementId))
    .where(and(eq(conferences.id, id), conferenceReadScope(db, user)))
    .get();
  if (!row) return null;

  const coBodies = db
    .select({ id: bodies.id, name: bodies.name })
    .from(conferenceCoBodies)
    .innerJoin(bodies, eq(bodies.id, conferenceCoBodies.bodyId))
    .where(eq(conferenceCoBodies.conferenceId, id))
    .all();

  // Counted as the reports count (lib/reports/attendance-rules.ts): issued invitations, and their check-ins (walk-ins apart).
  const invitedBySite = db
    .select({ siteId: invitations.siteId, n: count().as("invited_n") })
    .from(invitations)
    .where(and(eq(invitations.conferenceId, id), eq(invitations.kind, "invited"), eq(invitations.status, "issued")))
    .groupBy(invitations.siteId)
    .as("invited_by_site");
  const presentBySite = db
    .select({ siteId: invitations.siteId, n: count().as("present_n"), late: sql<number>`sum(${checkIns.isLate})`.as("late_n") })
    .from(checkIns)
    .innerJoin(invitations, eq(invitations.id, checkIns.invitationId))
    .where(and(eq(checkIns.conferenceId, id), eq(invitations.kind, "invited"), eq(invitations.status, "issued")))
    .groupBy(invitations.siteId)
    .as("present_by_site");

  const siteRows = db
    .select({
      id: sites.id,
      isMain: sites.isMain,
      venue: sites.venue,
      address: sites.address,
      capacity: sites.capacity,
      unitName: units.name,
      invited: sql<number>`coalesce(${invitedBySite.n}, 0)`,
      present: sql<number>`coalesce(${presentBySite.n}, 0)`,
      late: sql<number>`coalesce(${presentBySite.late}, 0)`,
    })
    .from(sites)
    .innerJoin(units, eq(units.id, sites.unitId))
    .leftJoin(invitedBySite, eq(invitedBySite.siteId, sites.id))
    .leftJoin(presentBySite, eq(presentBySite.siteId, sites.id))
    .where(and(eq(sites.conferenceId, id), siteReadScope(db, user)))
    .orderBy(sql`${sites.isMain} desc`, asc(units.sortOrder))
    .all();
  const allSites = db.select({ n: count() }).from(sites).where(eq(sites.conferenceId, id)).get()!.n;

  const totals = siteRows.reduce(
    (acc, s) => ({ invited: acc.invited + s.invited, present: acc.present + s.present, late: acc.late + s.late }),
    { invited: 0, present: 0, late: 0 },
  );

  return { ...row, canEdit: row.canEdit === 1, coBodies, sites: siteRows, totals, partial: siteRows.length < allSites };
}

export type ConferenceDetail = NonNullable<ReturnType<typeof getConference>>;
