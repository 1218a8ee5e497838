import { and, count, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { epochMillis } from "@/db/dialect";
import { checkIns, conferences, invitations } from "@/db/schema";
import type { ConferenceDetail } from "@/lib/conferences/get-conference";
import { countedInvitation } from "@/lib/reports/counted-invitation";
import { doorPhaseAt } from "./shared/verdict";
import { checkInWindow } from "./window";

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

/** Bar widths the timeline may use, in minutes: the smallest that keeps it within MAX_BARS. */
const SLOT_CHOICES = [5, 10, 15, 30, 60, 120, 240];
const MAX_BARS = 36;
const RECENT_MS = 2 * 3_600_000;

/**
 * The live counter: present / invited, late, walk-ins, and arrivals over time; `siteIds` limits
 * it to those sites. The timeline (docs/decisions/0025): while the door is open, the last two hours up to now
 * (from the door's opening if that is later); once the door has closed, the whole of the arrivals,
 * first to last, so that the counter shown after the conference is its real timeline and not an
 * empty one. Bars are 5 minutes, wider when the span needs it (at most MAX_BARS).
 */
export async function getLiveStats(db: Db, conferenceId: number, siteIds?: number[], now: Date = new Date()) {
  const siteCondition = (column: typeof invitations.siteId | typeof checkIns.siteId) => (siteIds ? inArray(column, siteIds) : undefined);
  const invited = (await firstRow(
    db
      .select({ n: count() })
      .from(invitations)
      .where(and(eq(invitations.conferenceId, conferenceId), countedInvitation(), siteCondition(invitations.siteId))),
  ))!.n;
  // Present and late as the reports count them: check-ins on counted invitations; walk-ins beside them, never in "present".
  const totals = (await firstRow(
    db
      .select({
        present: sql<number>`coalesce(sum(case when ${countedInvitation()} then 1 else 0 end), 0)`.mapWith(Number),
        late: sql<number>`coalesce(sum(case when ${countedInvitation()} and ${checkIns.isLate} then 1 else 0 end), 0)`.mapWith(Number),
        walkIns: sql<number>`coalesce(sum(case when ${invitations.kind} = 'walk_in' then 1 else 0 end), 0)`.mapWith(Number),
        // Read back through the column's own mapping: a Date on both engines (SQLite keeps milliseconds, PostgreSQL a timestamp).
        first: sql<Date | null>`min(${checkIns.scannedAt})`.mapWith(checkIns.scannedAt),
        last: sql<Date | null>`max(${checkIns.scannedAt})`.mapWith(checkIns.scannedAt),
      })
      .from(checkIns)
      .innerJoin(invitations, eq(invitations.id, checkIns.invitationId))
      .where(and(eq(checkIns.conferenceId, conferenceId), siteCondition(checkIns.siteId))),
  ))!;
  const conference = await firstRow(
    db
      .select({ startsAt: conferences.startsAt, endsAt: conferences.endsAt, status: conferences.status })
      .from(conferences)
      .where(eq(conferences.id, conferenceId)),
  );
  const window = conference ? checkInWindow(conference) : { opensAt: now, closesAt: now };
  const phase = conference
    ? doorPhaseAt({ status: conference.status, opensAt: window.opensAt.getTime(), closesAt: window.closesAt.getTime() }, now.getTime())
    : "over";

  // The span the timeline covers; none before the door opens, or after it when nobody came.
  let span: { from: number; to: number } | null = null;
  if (phase === "open") {
    const from = Math.max(now.getTime() - RECENT_MS, Math.min(window.opensAt.getTime(), totals.first?.getTime() ?? Infinity));
    span = { from, to: now.getTime() };
  } else if (totals.first !== null && totals.last !== null) {
    span = { from: totals.first.getTime(), to: phase === "not_yet" ? now.getTime() : totals.last.getTime() };
  }
  const slotMinutes = span ? (SLOT_CHOICES.find((m) => (span.to - span.from) / (m * 60_000) < MAX_BARS) ?? SLOT_CHOICES[SLOT_CHOICES.length - 1]) : 5;
  const slotMs = slotMinutes * 60_000;
  const arrivals: { at: string; n: number }[] = [];
  if (span) {
    const since = new Date(Math.floor(span.from / slotMs) * slotMs);
    const slots = await db
      // A literal, not a bound parameter: SQLite's driver binds numbers as REAL, which would make this float division.
      .select({ slot: sql<number>`(${epochMillis(checkIns.scannedAt)} / ${sql.raw(String(slotMs))}) * ${sql.raw(String(slotMs))}`.mapWith(Number), n: count() })
      .from(checkIns)
      .where(
        and(
          eq(checkIns.conferenceId, conferenceId),
          siteCondition(checkIns.siteId),
          gte(checkIns.scannedAt, since),
          lte(checkIns.scannedAt, new Date(span.to)),
        ),
      )
      .groupBy(sql`1`);
    const bySlot = new Map(slots.map((s) => [s.slot, s.n]));
    for (let t = since.getTime(); t <= span.to; t += slotMs) arrivals.push({ at: new Date(t).toISOString(), n: bySlot.get(t) ?? 0 });
  }
  return {
    invited,
    present: totals.present,
    late: totals.late,
    walkIns: totals.walkIns,
    arrivals,
    slotMinutes,
    phase,
    opensAt: window.opensAt.toISOString(),
    closesAt: window.closesAt.toISOString(),
    at: now.toISOString(),
  };
}
export type LiveStats = Awaited<ReturnType<typeof getLiveStats>>;
