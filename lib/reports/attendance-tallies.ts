/**
 * Attendance counted per conference, Party membership and category, two ways that must agree
 * (docs/decisions/0039-attendance-tally.md):
 * - countAttendance: from the rows (every invitation joined to its check-in, and the absences from their
 *   side). The reference, and what a bridge point's or a category's figures are counted with (neither is in
 *   a tally's key; a category's essays are joined row by row).
 * - storedAttendance: the tallies the database keeps in the transaction of every change (triggers of
 *   SQLite's migration 0012 and PostgreSQL's 0005): a few rows per conference, whatever its size.
 * tallyDifferences compares them: the tests, `npm run test:faults` and `npm run bench:reports` check with it.
 */
import { and, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { transaction, type Db } from "@/db/client";
import { absences, attendanceTallies, checkIns, invitations, reflectionEssays } from "@/db/schema";
import { countedInvitation } from "@/lib/reports/counted-invitation";
import type { RawCounts } from "./attendance-rules";

export interface AttendanceGroup extends RawCounts {
  conferenceId: number;
  member: boolean;
  category: string;
  /** Essays of those present: counted here only when asked (countAttendance's essaysPerRow), 0 otherwise. */
  essays: number;
}

const groupKey = (g: { conferenceId: number; member: boolean; category: string }) => `${g.conferenceId}:${g.member}:${g.category}`;

/**
 * The counted invitations that `where` selects (besides being counted), grouped, from the rows. One aggregate over
 * the covering index invitations_report_idx joined to check_ins_report_idx, and a small one from the absences' side
 * (a left join from every invitation cost a third of the time). The two run at once (on PostgreSQL each on a pooled
 * connection of its own).
 */
export async function countAttendance(db: Db, where: SQL | undefined, essaysPerRow = false): Promise<AttendanceGroup[]> {
  const filter = and(countedInvitation(), where);
  const groups = [invitations.conferenceId, invitations.attendeePartyMember, invitations.attendeeCategory] as const;
  const countsQuery = db
    .select({
      conferenceId: invitations.conferenceId,
      member: invitations.attendeePartyMember,
      category: invitations.attendeeCategory,
      invited: sql<number>`count(*)`.mapWith(Number),
      present: sql<number>`count(${checkIns.invitationId})`.mapWith(Number),
      late: sql<number>`coalesce(sum(case when ${checkIns.isLate} then 1 else 0 end), 0)`.mapWith(Number),
      substitutes:
        sql<number>`coalesce(sum(case when ${checkIns.invitationId} is not null and ${invitations.substituteName} is not null then 1 else 0 end), 0)`.mapWith(
          Number,
        ),
      essays: essaysPerRow ? sql<number>`count(${reflectionEssays.invitationId})`.mapWith(Number) : sql<number>`0`.mapWith(Number),
    })
    .from(invitations)
    .leftJoin(checkIns, eq(checkIns.invitationId, invitations.id))
    .$dynamic();
  const countsRun = (essaysPerRow ? countsQuery.leftJoin(reflectionEssays, eq(reflectionEssays.invitationId, checkIns.invitationId)) : countsQuery)
    .where(filter)
    .groupBy(...groups);
  const absentRun = db
    .select({
      conferenceId: invitations.conferenceId,
      member: invitations.attendeePartyMember,
      category: invitations.attendeeCategory,
      excused: sql<number>`coalesce(sum(case when ${checkIns.invitationId} is null and ${absences.reason} is not null then 1 else 0 end), 0)`.mapWith(Number),
      madeUp: sql<number>`coalesce(sum(case when ${checkIns.invitationId} is null and ${absences.makeUpAttendedAt} is not null then 1 else 0 end), 0)`.mapWith(
        Number,
      ),
    })
    .from(absences)
    .innerJoin(invitations, eq(invitations.id, absences.invitationId))
    .leftJoin(checkIns, eq(checkIns.invitationId, invitations.id))
    .where(filter)
    .groupBy(...groups);
  const [counts, absent] = await Promise.all([countsRun, absentRun]);
  const absentBy = new Map(absent.map((a) => [groupKey(a), a]));
  return counts.map((row) => {
    const a = absentBy.get(groupKey(row));
    return { ...row, excused: a?.excused ?? 0, madeUp: a?.madeUp ?? 0 };
  });
}

/** The tally rows `where` selects, as the database keeps them (essays not included). */
const tallyRows = (db: Db, where: SQL | undefined): Promise<AttendanceGroup[]> =>
  db
    .select({
      conferenceId: attendanceTallies.conferenceId,
      member: attendanceTallies.partyMember,
      category: attendanceTallies.category,
      invited: attendanceTallies.invited,
      present: attendanceTallies.present,
      late: attendanceTallies.late,
      substitutes: attendanceTallies.substitutes,
      excused: attendanceTallies.excused,
      madeUp: attendanceTallies.madeUp,
      essays: sql<number>`0`.mapWith(Number),
    })
    .from(attendanceTallies)
    .where(where);

/** The tallies of these conferences: a few rows each. A group at zero invited has nothing to count (see tallyDifferences). */
export const storedAttendance = (db: Db, conferenceIds: number[]): Promise<AttendanceGroup[]> =>
  tallyRows(db, and(inArray(attendanceTallies.conferenceId, conferenceIds), ne(attendanceTallies.invited, 0)));

/** The six figures a tally keeps, by their property names. */
export const TALLY_FIGURES = ["invited", "present", "late", "substitutes", "excused", "madeUp"] as const;

/**
 * Every group where the stored tallies and the count from the rows differ (all conferences, or these), as
 * "conference:member:category field stored≠counted". Empty when they agree. Groups at zero on both sides match.
 */
export async function tallyDifferences(db: Db, conferenceIds?: number[]): Promise<string[]> {
  const where = conferenceIds ? inArray(invitations.conferenceId, conferenceIds) : undefined;
  // In one transaction, so that both sides are read at one moment while the door may be writing (on PostgreSQL each
  // statement on the pool would otherwise see its own).
  const [counted, stored] = await transaction(db, async (tx) => [
    await countAttendance(tx, where),
    await tallyRows(tx, conferenceIds ? inArray(attendanceTallies.conferenceId, conferenceIds) : undefined),
  ]);
  const zero = { invited: 0, present: 0, late: 0, substitutes: 0, excused: 0, madeUp: 0 };
  const countedBy = new Map(counted.map((g) => [groupKey(g), g]));
  const storedBy = new Map(stored.map((g) => [groupKey(g), g]));
  const differences: string[] = [];
  for (const key of new Set([...countedBy.keys(), ...storedBy.keys()])) {
    const c = countedBy.get(key) ?? zero;
    const s = storedBy.get(key) ?? zero;
    for (const field of TALLY_FIGURES) if (c[field] !== s[field]) differences.push(`${key} ${field} ${s[field]}≠${c[field]}`);
  }
  return differences.sort();
}
