import { and, count, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { checkIns, invitations } from "@/db/schema";
import type { ConferenceDetail } from "@/lib/conferences/get-conference";
import { countedInvitation } from "@/lib/reports/counted-invitation";

const SLOT_MS = 5 * 60_000;

/**
 * Which sites the live counter counts for the user: the one asked for, when it is
 * in the user's part of the conference (getConference's sites); otherwise that
 * whole part (every site, unless the user sees only some). null: a site the
 * user may not read was asked for.
 */
export function liveSites(conference: Pick<ConferenceDetail, "sites" | "partial">, requested?: number) {
  if (requested !== undefined) {
    const site = conference.sites.find((s) => s.id === requested);
    return site ? { site, siteIds: [site.id] } : null;
  }
  return { site: undefined, siteIds: conference.partial ? conference.sites.map((s) => s.id) : undefined };
}

/** The live counter: present / invited, late, walk-ins, arrivals per 5 minutes over the last 2 hours; `siteIds` limits it to those sites. */
export function getLiveStats(db: Db, conferenceId: number, siteIds?: number[], now: Date = new Date()) {
  const siteCondition = (column: typeof invitations.siteId | typeof checkIns.siteId) => (siteIds ? inArray(column, siteIds) : undefined);
  const invited = db
    .select({ n: count() })
    .from(invitations)
    .where(and(eq(invitations.conferenceId, conferenceId), countedInvitation(), siteCondition(invitations.siteId)))
    .get()!.n;
  // Present and late as the reports count them: check-ins on counted invitations; walk-ins beside them, never in "present".
  const totals = db
    .select({
      present: sql<number>`coalesce(sum(case when ${countedInvitation()} then 1 else 0 end), 0)`,
      late: sql<number>`coalesce(sum(case when ${countedInvitation()} and ${checkIns.isLate} then 1 else 0 end), 0)`,
      walkIns: sql<number>`coalesce(sum(case when ${invitations.kind} = 'walk_in' then 1 else 0 end), 0)`,
    })
    .from(checkIns)
    .innerJoin(invitations, eq(invitations.id, checkIns.invitationId))
    .where(and(eq(checkIns.conferenceId, conferenceId), siteCondition(checkIns.siteId)))
    .get()!;
  const since = new Date(Math.floor((now.getTime() - 2 * 3600_000) / SLOT_MS) * SLOT_MS);
  const slots = db
    // A literal, not a bound parameter: the driver binds numbers as REAL, which would make this float division.
    .select({ slot: sql<number>`(${checkIns.scannedAt} / ${sql.raw(String(SLOT_MS))}) * ${sql.raw(String(SLOT_MS))}`, n: count() })
    .from(checkIns)
    .where(and(eq(checkIns.conferenceId, conferenceId), siteCondition(checkIns.siteId), gte(checkIns.scannedAt, since)))
    .groupBy(sql`1`)
    .all();
  const bySlot = new Map(slots.map((s) => [s.slot, s.n]));
  const arrivals = [];
  for (let t = since.getTime(); t <= now.getTime(); t += SLOT_MS) arrivals.push({ at: new Date(t).toISOString(), n: bySlot.get(t) ?? 0 });
  return { invited, present: totals.present, late: totals.late, walkIns: totals.walkIns, arrivals, at: now.toISOString() };
}
export type LiveStats = ReturnType<typeof getLiveStats>;
