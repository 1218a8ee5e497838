/**
 * Attendance figures from the database, for any set of conferences the user
 * may read (report-conferences.ts), counted by the rules in attendance-rules.ts.
 *
 * A conference's attendance is read from the tallies the database keeps for it
 * (lib/reports/attendance-tallies.ts, decision 0039): a few rows per conference,
 * whatever its size. A bridge point's or a category's figures are counted from
 * the rows (countAttendance). Reflection essays are counted from their own
 * conference index (see essayTotals), walk-ins from their invitations.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { checkIns, invitations, reflectionEssays } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { EMPTY_TALLY, isOver, NO_ESSAYS, tally, type EssayCounts, type RawCounts, type Tally } from "./attendance-rules";
import { countAttendance, storedAttendance } from "./attendance-tallies";
import { chunks, reportConferences, type ReportConference, type ReportFilter } from "./report-conferences";

export interface ConferenceFigures {
  conference: ReportConference;
  over: boolean;
  total: Tally;
  member: Tally;
  nonMember: Tally;
  categories: Record<string, Tally>;
  /** Reflection essays of those present (and of walk-ins, apart). */
  essays: EssayCounts;
}

const zero = (): RawCounts => ({ invited: 0, present: 0, late: 0, substitutes: 0, excused: 0, madeUp: 0 });
function addRaw(into: RawCounts, from: RawCounts) {
  into.invited += from.invited;
  into.present += from.present;
  into.late += from.late;
  into.substitutes += from.substitutes;
  into.excused += from.excused;
  into.madeUp += from.madeUp;
}

/** The figures of every conference in the filter, split by Party membership and category. */
export async function conferenceFigures(db: Db, user: SessionUser, f: ReportFilter, now: Date = new Date()): Promise<ConferenceFigures[]> {
  const list = await reportConferences(db, user, f, now);
  const figures = new Map<number, ConferenceFigures>();
  for (const conference of list) {
    figures.set(conference.id, {
      conference,
      over: isOver(conference, now),
      total: EMPTY_TALLY,
      member: EMPTY_TALLY,
      nonMember: EMPTY_TALLY,
      categories: {},
      essays: NO_ESSAYS,
    });
  }
  for (const ids of chunks(list.map((c) => c.id))) {
    // A bridge point's or a category's figures need each invitation's site or category, which the tallies do not
    // keep: counted from the rows then, essays joined row by row (by their primary key). Otherwise the conferences'
    // tallies, kept by the database (decision 0039), and essayTotals counts the essays per conference from their
    // own index: a fifth of the join's cost, or less, at national scale.
    const fromRows = Boolean(f.siteId || f.category);
    const attendanceRun = fromRows
      ? countAttendance(
          db,
          and(
            inArray(invitations.conferenceId, ids),
            f.siteId ? eq(invitations.siteId, f.siteId) : undefined,
            f.category ? eq(invitations.attendeeCategory, f.category) : undefined,
          ),
          true,
        )
      : storedAttendance(db, ids);
    const walkInsRun = f.category
      ? []
      : db
          .select({
            conferenceId: invitations.conferenceId,
            n: sql<number>`count(*)`.mapWith(Number),
            essays: sql<number>`count(${reflectionEssays.invitationId})`.mapWith(Number),
          })
          .from(invitations)
          .innerJoin(checkIns, eq(checkIns.invitationId, invitations.id))
          .leftJoin(reflectionEssays, eq(reflectionEssays.invitationId, invitations.id))
          .where(and(inArray(invitations.conferenceId, ids), eq(invitations.kind, "walk_in"), f.siteId ? eq(invitations.siteId, f.siteId) : undefined))
          .groupBy(invitations.conferenceId);
    // The statements are independent: on PostgreSQL each runs on a pooled connection of its own, at
    // once (the roll-up waits for the longest, not for their sum, where the server has cores for them);
    // on SQLite they run one after another, as before.
    const [counts, walkIns, essayTotalsBy] = await Promise.all([attendanceRun, walkInsRun, fromRows ? null : essayTotals(db, ids)]);
    const walkInEssaysBy = new Map(walkIns.map((w) => [w.conferenceId, w.essays]));
    // Summed as raw counts in place (28,000 groups at national scale), made into tallies once per conference.
    const raw = new Map<number, { total: RawCounts; member: RawCounts; nonMember: RawCounts; categories: Record<string, RawCounts> }>();
    const rowEssaysBy = new Map<number, number>();
    for (const row of counts) {
      if (fromRows) rowEssaysBy.set(row.conferenceId, (rowEssaysBy.get(row.conferenceId) ?? 0) + row.essays);
      let sums = raw.get(row.conferenceId);
      if (!sums) raw.set(row.conferenceId, (sums = { total: zero(), member: zero(), nonMember: zero(), categories: {} }));
      addRaw(sums.total, row);
      addRaw(row.member ? sums.member : sums.nonMember, row);
      addRaw((sums.categories[row.category] ??= zero()), row);
    }
    const walkInsBy = new Map(walkIns.map((w) => [w.conferenceId, w.n]));
    for (const [conferenceId, sums] of raw) {
      const entry = figures.get(conferenceId)!;
      entry.total = tally(sums.total, entry.over, walkInsBy.get(conferenceId) ?? 0);
      entry.member = tally(sums.member, entry.over);
      entry.nonMember = tally(sums.nonMember, entry.over);
      entry.categories = Object.fromEntries(Object.entries(sums.categories).map(([k, v]) => [k, tally(v, entry.over)]));
    }
    for (const [conferenceId, n] of walkInsBy) {
      const entry = figures.get(conferenceId)!;
      if (!raw.has(conferenceId)) entry.total = { ...entry.total, walkIns: n };
    }
    for (const conferenceId of ids) {
      const walkInEssays = walkInEssaysBy.get(conferenceId) ?? 0;
      const submitted = essayTotalsBy ? (essayTotalsBy.get(conferenceId) ?? 0) - walkInEssays : (rowEssaysBy.get(conferenceId) ?? 0);
      if (submitted !== 0 || walkInEssays !== 0) figures.get(conferenceId)!.essays = { submitted, walkIns: walkInEssays };
    }
  }
  return [...figures.values()];
}

/**
 * Essays of these conferences' issued invitations and of their walk-ins, per conference, from
 * the essays' conference index alone: every essay row, less those of invitations not issued
 * (revoked after the essay was recorded), which are few and found through
 * invitations_report_idx. Exact without a check-in lookup per essay because an essay always has
 * its check-in: recordEssays requires one and undoCheckIn removes the essay with the check-in
 * (lib/essays, lib/checkin/door-actions.ts). The caller subtracts the walk-ins' essays.
 */
async function essayTotals(db: Db, ids: number[]): Promise<Map<number, number>> {
  const totals = new Map(
    (
      await db
        .select({ conferenceId: reflectionEssays.conferenceId, n: sql<number>`count(*)`.mapWith(Number) })
        .from(reflectionEssays)
        .where(inArray(reflectionEssays.conferenceId, ids))
        .groupBy(reflectionEssays.conferenceId)
    ).map((r) => [r.conferenceId, r.n]),
  );
  const notIssued = await db
    .select({ conferenceId: invitations.conferenceId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(invitations)
    .innerJoin(reflectionEssays, eq(reflectionEssays.invitationId, invitations.id))
    .where(and(inArray(invitations.conferenceId, ids), eq(invitations.kind, "invited"), inArray(invitations.status, ["draft", "revoked"])))
    .groupBy(invitations.conferenceId);
  for (const r of notIssued) totals.set(r.conferenceId, (totals.get(r.conferenceId) ?? 0) - r.n);
  return totals;
}
