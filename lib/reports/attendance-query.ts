/**
 * Attendance figures from the database, for any set of conferences the user
 * may read (report-scope.ts), counted by the rules in attendance-rules.ts.
 *
 * One aggregate over the covering index invitations_report_idx (conference,
 * kind, status, party, category, substitute) joined to check_ins_report_idx,
 * and a small one from the absences' side: 1,000,000 invitations in about
 * half a second (docs/benchmarks.md). Reflection essays are counted from their
 * own conference index (see essayTotals).
 */
import { and, asc, eq, gte, inArray, lt, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { absences, bodies, checkIns, conferences, invitations, people, reflectionEssays, sites, units } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { zonedInstant } from "@/lib/time/zone";
import {
  EMPTY_TALLY,
  inviteeStatus,
  isOver,
  minutesLate,
  NO_ESSAYS,
  tally,
  type EssayCounts,
  type InviteeStatus,
  type RawCounts,
  type Tally,
} from "./attendance-rules";
import { reportScope } from "./report-scope";
import { effectiveStatus } from "@/lib/conferences/effective-status";
import { countedInvitation } from "@/lib/reports/counted-invitation";

export interface ReportFilter {
  campaignId: number;
  unitId?: number;
  bodyId?: number;
  conferenceId?: number;
  /** One bridge point of the conference: its invitees and walk-ins only. */
  siteId?: number;
  /** Date keys (yyyy-MM-dd, Vietnam), inclusive. */
  from?: string;
  to?: string;
  category?: string;
}

export type ReportConference = Awaited<ReturnType<typeof reportConferences>>[number];

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

/** Conditions on `conferences` for a filter, within the user's scope. Cancelled conferences are never counted. */
function conferenceWhere(db: Db, user: SessionUser, f: ReportFilter): SQL {
  return and(
    reportScope(db, user),
    eq(conferences.campaignId, f.campaignId),
    ne(conferences.status, "cancelled"),
    f.unitId ? eq(conferences.unitId, f.unitId) : undefined,
    f.bodyId ? eq(conferences.bodyId, f.bodyId) : undefined,
    f.conferenceId ? eq(conferences.id, f.conferenceId) : undefined,
    f.from ? gte(conferences.startsAt, zonedInstant(f.from)) : undefined,
    f.to ? lt(conferences.startsAt, new Date(zonedInstant(f.to).getTime() + 86_400_000)) : undefined,
  )!;
}

/** The conferences of a filter, with their status as of `now` (it follows the clock: lib/conferences/effective-status.ts). */
export function reportConferences(db: Db, user: SessionUser, f: ReportFilter, now: Date = new Date()) {
  return db
    .select({
      id: conferences.id,
      title: conferences.title,
      unitId: conferences.unitId,
      unitCode: units.code,
      unitName: units.name,
      bodyId: conferences.bodyId,
      bodyName: bodies.name,
      requirementId: conferences.requirementId,
      startsAt: conferences.startsAt,
      endsAt: conferences.endsAt,
      status: effectiveStatus(db, now),
      graceMinutes: conferences.graceMinutes,
    })
    .from(conferences)
    .innerJoin(units, eq(units.id, conferences.unitId))
    .innerJoin(bodies, eq(bodies.id, conferences.bodyId))
    .where(conferenceWhere(db, user, f))
    .orderBy(asc(units.sortOrder), asc(units.name), asc(conferences.startsAt))
    .all();
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

const chunks = <T>(list: T[], size = 5000) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** The figures of every conference in the filter, split by Party membership and category. */
export function conferenceFigures(db: Db, user: SessionUser, f: ReportFilter, now: Date = new Date()): ConferenceFigures[] {
  const list = reportConferences(db, user, f, now);
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
    const invitationFilter = and(
      inArray(invitations.conferenceId, ids),
      countedInvitation(),
      f.siteId ? eq(invitations.siteId, f.siteId) : undefined,
      f.category ? eq(invitations.attendeeCategory, f.category) : undefined,
    );
    const groups = [invitations.conferenceId, invitations.attendeePartyMember, invitations.attendeeCategory] as const;
    // A bridge point's or a category's essays need each invitation's site or category: only then
    // are essays joined row by row (by their primary key). Otherwise essayTotals counts them per
    // conference from their own index: a fifth of the join's cost, or less, at national scale.
    const essaysPerRow = Boolean(f.siteId || f.category);
    // Attendance: every invitation, index-only on both sides.
    const countsQuery = db
      .select({
        conferenceId: invitations.conferenceId,
        member: invitations.attendeePartyMember,
        category: invitations.attendeeCategory,
        invited: sql<number>`count(*)`,
        present: sql<number>`count(${checkIns.invitationId})`,
        late: sql<number>`coalesce(sum(${checkIns.isLate}), 0)`,
        substitutes: sql<number>`coalesce(sum(${checkIns.invitationId} is not null and ${invitations.substituteName} is not null), 0)`,
        essays: essaysPerRow ? sql<number>`count(${reflectionEssays.invitationId})` : sql<number>`0`,
      })
      .from(invitations)
      .leftJoin(checkIns, eq(checkIns.invitationId, invitations.id))
      .$dynamic();
    const counts = (essaysPerRow ? countsQuery.leftJoin(reflectionEssays, eq(reflectionEssays.invitationId, checkIns.invitationId)) : countsQuery)
      .where(invitationFilter)
      .groupBy(...groups)
      .all();
    // Absences are few: counted from their side (a left join from every invitation cost a third of the time).
    const absent = db
      .select({
        conferenceId: invitations.conferenceId,
        member: invitations.attendeePartyMember,
        category: invitations.attendeeCategory,
        excused: sql<number>`coalesce(sum(${checkIns.invitationId} is null and ${absences.reason} is not null), 0)`,
        madeUp: sql<number>`coalesce(sum(${checkIns.invitationId} is null and ${absences.makeUpAttendedAt} is not null), 0)`,
      })
      .from(absences)
      .innerJoin(invitations, eq(invitations.id, absences.invitationId))
      .leftJoin(checkIns, eq(checkIns.invitationId, invitations.id))
      .where(invitationFilter)
      .groupBy(...groups)
      .all();
    const absentBy = new Map(absent.map((a) => [`${a.conferenceId}:${a.member}:${a.category}`, a]));
    const walkIns = f.category
      ? []
      : db
          .select({ conferenceId: invitations.conferenceId, n: sql<number>`count(*)`, essays: sql<number>`count(${reflectionEssays.invitationId})` })
          .from(invitations)
          .innerJoin(checkIns, eq(checkIns.invitationId, invitations.id))
          .leftJoin(reflectionEssays, eq(reflectionEssays.invitationId, invitations.id))
          .where(and(inArray(invitations.conferenceId, ids), eq(invitations.kind, "walk_in"), f.siteId ? eq(invitations.siteId, f.siteId) : undefined))
          .groupBy(invitations.conferenceId)
          .all();
    const walkInEssaysBy = new Map(walkIns.map((w) => [w.conferenceId, w.essays]));
    const essayTotalsBy = essaysPerRow ? null : essayTotals(db, ids);
    // Summed as raw counts in place (28,000 groups at national scale), made into tallies once per conference.
    const raw = new Map<number, { total: RawCounts; member: RawCounts; nonMember: RawCounts; categories: Record<string, RawCounts> }>();
    const rowEssaysBy = new Map<number, number>();
    for (const row of counts) {
      if (essaysPerRow) rowEssaysBy.set(row.conferenceId, (rowEssaysBy.get(row.conferenceId) ?? 0) + row.essays);
      let sums = raw.get(row.conferenceId);
      if (!sums) raw.set(row.conferenceId, (sums = { total: zero(), member: zero(), nonMember: zero(), categories: {} }));
      const a = absentBy.get(`${row.conferenceId}:${row.member}:${row.category}`);
      const counted: RawCounts = {
        invited: row.invited,
        present: row.present,
        late: row.late,
        substitutes: row.substitutes,
        excused: a?.excused ?? 0,
        madeUp: a?.madeUp ?? 0,
      };
      addRaw(sums.total, counted);
      addRaw(row.member ? sums.member : sums.nonMember, counted);
      addRaw((sums.categories[row.category] ??= zero()), counted);
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
function essayTotals(db: Db, ids: number[]): Map<number, number> {
  const totals = new Map(
    db
      .select({ conferenceId: reflectionEssays.conferenceId, n: sql<number>`count(*)` })
      .from(reflectionEssays)
      .where(inArray(reflectionEssays.conferenceId, ids))
      .groupBy(reflectionEssays.conferenceId)
      .all()
      .map((r) => [r.conferenceId, r.n]),
  );
  const notIssued = db
    .select({ conferenceId: invitations.conferenceId, n: sql<number>`count(*)` })
    .from(invitations)
    .innerJoin(reflectionEssays, eq(reflectionEssays.invitationId, invitations.id))
    .where(and(inArray(invitations.conferenceId, ids), eq(invitations.kind, "invited"), inArray(invitations.status, ["draft", "revoked"])))
    .groupBy(invitations.conferenceId)
    .all();
  for (const r of notIssued) totals.set(r.conferenceId, (totals.get(r.conferenceId) ?? 0) - r.n);
  return totals;
}

export interface InviteeLine {
  invitationId: number;
  name: string;
  position: string;
  workplace: string;
  unitName: string;
  partyMember: boolean;
  category: string;
  siteId: number;
  siteVenue: string;
  letterNumber: string | null;
  status: InviteeStatus;
  checkedInAt: Date | null;
  minutesLate: number;
  substituteName: string | null;
  absenceReason: string | null;
  absenceNote: string;
  makeUpAttendedAt: Date | null;
  makeUpNote: string | null;
  /** The day the reflection essay was handed in (yyyy-MM-dd), or null. */
  essayOn: string | null;
}

export interface InviteeQuery {
  siteId?: number;
  status?: InviteeStatus;
}

const inviteeColumns = {
  invitationId: invitations.id,
  name: people.fullName,
  position: people.position,
  workplace: people.workplace,
  unitName: units.name,
  partyMember: invitations.attendeePartyMember,
  category: invitations.attendeeCategory,
  siteId: invitations.siteId,
  siteVenue: sites.venue,
  letterNumber: invitations.letterNumber,
  substituteName: invitations.substituteName,
  checkedInAt: checkIns.scannedAt,
  isLate: checkIns.isLate,
  absenceReason: absences.reason,
  absenceNote: absences.note,
  makeUpAttendedAt: absences.makeUpAttendedAt,
  makeUpNote: absences.makeUpNote,
  essayOn: reflectionEssays.submittedOn,
};

type InviteeRow = { [K in keyof typeof inviteeColumns]: (typeof inviteeColumns)[K]["_"]["data"] | null };

/**
 * Rows one at a time, straight from SQLite (one statement, sorted once), for
 * exports of 100,000 lines that must not be held in memory. Drizzle's sync
 * driver has no iterator, so its SQL runs on the connection and the columns
 * are mapped back by position (times in ms and flags in 0/1 are converted).
 */
function* iterate(db: Db, query: { toSQL(): { sql: string; params: unknown[] } }): Generator<InviteeRow> {
  const { sql: text, params } = query.toSQL();
  const keys = Object.keys(inviteeColumns) as (keyof typeof inviteeColumns)[];
  const dates = new Set(["checkedInAt", "makeUpAttendedAt"]);
  for (const values of db.$client
    .prepare(text)
    .raw()
    .iterate(...params) as Iterable<unknown[]>) {
    const row: Record<string, unknown> = {};
    keys.forEach((key, i) => (row[key] = dates.has(key) && values[i] !== null ? new Date(values[i] as number) : values[i]));
    yield row as InviteeRow;
  }
}

function toLine(row: InviteeRow, conference: { startsAt: Date; graceMinutes: number }, over: boolean): InviteeLine {
  const checkedIn = row.checkedInAt !== null;
  return {
    invitationId: row.invitationId!,
    name: row.name!,
    position: row.position ?? "",
    workplace: row.workplace ?? "",
    unitName: row.unitName ?? "",
    partyMember: Boolean(row.partyMember),
    category: row.category ?? "",
    siteId: row.siteId!,
    siteVenue: row.siteVenue ?? "",
    letterNumber: row.letterNumber,
    status: inviteeStatus({ checkedIn, isLate: Boolean(row.isLate), absenceReason: row.absenceReason }, over),
    checkedInAt: row.checkedInAt,
    minutesLate: row.checkedInAt ? minutesLate(row.checkedInAt, conference) : 0,
    substituteName: row.substituteName,
    absenceReason: row.absenceReason,
    absenceNote: row.absenceNote ?? "",
    makeUpAttendedAt: row.makeUpAttendedAt,
    makeUpNote: row.makeUpNote,
    essayOn: row.essayOn,
  };
}

function inviteeSelect(db: Db) {
  return db
    .select(inviteeColumns)
    .from(invitations)
    .innerJoin(people, eq(people.id, invitations.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .innerJoin(sites, eq(sites.id, invitations.siteId))
    .leftJoin(checkIns, eq(checkIns.invitationId, invitations.id))
    .leftJoin(absences, eq(absences.invitationId, invitations.id))
    .leftJoin(reflectionEssays, eq(reflectionEssays.invitationId, invitations.id));
}

/**
 * Every invitee of a conference (issued invitations), with status, one at a
 * time: an export of 100,000 lines reads them as it writes. The caller has
 * found the conference through reportConferences (scope).
 */
export function* conferenceInviteeLines(db: Db, conference: ReportConference, q: InviteeQuery, now: Date): Generator<InviteeLine> {
  const over = isOver(conference, now);
  const query = inviteeSelect(db)
    .where(and(eq(invitations.conferenceId, conference.id), countedInvitation(), q.siteId ? eq(invitations.siteId, q.siteId) : undefined))
    .orderBy(asc(people.searchName), asc(invitations.id));
  for (const row of iterate(db, query)) {
    const line = toLine(row, conference, over);
    if (!q.status || line.status === q.status) yield line;
  }
}

export function conferenceInvitees(db: Db, conference: ReportConference, q: InviteeQuery, now: Date): InviteeLine[] {
  return [...conferenceInviteeLines(db, conference, q, now)];
}

/** The conference page lists this many invitees at a time (the exports have them all). */
export const INVITEES_PER_PAGE = 300;
export const INVITEE_SORTS = ["name", "unit", "status", "time"] as const;
export type InviteeSort = (typeof INVITEE_SORTS)[number];

/** The rules' status (inviteeStatus) as SQL, to filter and sort a page in the database. */
function statusSql(over: boolean) {
  return sql<string>`case when ${checkIns.invitationId} is not null then (case when ${checkIns.isLate} then 'late' else 'on_time' end) when ${absences.reason} is not null then 'excused' when ${over ? sql`1` : sql`0`} then 'unexcused' else 'unknown' end`;
}

/**
 * One page of a conference's invitees, filtered and sorted by SQLite: a conference of
 * 50,000 invitees costs a page, not the whole list, per view (the soak test found the
 * whole list held per request enough to exhaust the heap under load).
 */
export function conferenceInviteePage(db: Db, conference: ReportConference, q: InviteeQuery & { sort?: InviteeSort; page?: number }, now: Date) {
  const over = isOver(conference, now);
  const status = statusSql(over);
  const where = and(
    eq(invitations.conferenceId, conference.id),
    countedInvitation(),
    q.siteId ? eq(invitations.siteId, q.siteId) : undefined,
    q.status ? sql`${status} = ${q.status}` : undefined,
  );
  const total = db
    .select({ n: sql<number>`count(*)` })
    .from(invitations)
    .leftJoin(checkIns, eq(checkIns.invitationId, invitations.id))
    .leftJoin(absences, eq(absences.invitationId, invitations.id))
    .where(where)
    .get()!.n;
  const order = {
    name: [asc(people.searchName), asc(invitations.id)],
    unit: [asc(units.name), asc(people.searchName), asc(invitations.id)],
    status: [asc(status), asc(people.searchName), asc(invitations.id)],
    time: [sql`${checkIns.scannedAt} is null`, asc(checkIns.scannedAt), asc(people.searchName)],
  }[q.sort ?? "name"];
  const pages = Math.max(1, Math.ceil(total / INVITEES_PER_PAGE));
  const page = Math.min(Math.max(1, q.page ?? 1), pages);
  const rows = inviteeSelect(db)
    .where(where)
    .orderBy(...order)
    .limit(INVITEES_PER_PAGE)
    .offset((page - 1) * INVITEES_PER_PAGE)
    .all();
  return { lines: rows.map((row) => toLine(row as InviteeRow, conference, over)), total, page, pages };
}

/** Walk-ins of a conference: present without an invitation. */
export function conferenceWalkIns(db: Db, conferenceId: number, siteId?: number) {
  return db
    .select({
      invitationId: invitations.id,
      name: people.fullName,
      position: people.position,
      workplace: people.workplace,
      siteVenue: sites.venue,
      checkedInAt: checkIns.scannedAt,
    })
    .from(invitations)
    .innerJoin(people, eq(people.id, invitations.personId))
    .innerJoin(sites, eq(sites.id, invitations.siteId))
    .innerJoin(checkIns, eq(checkIns.invitationId, invitations.id))
    .where(and(eq(invitations.conferenceId, conferenceId), eq(invitations.kind, "walk_in"), siteId ? eq(invitations.siteId, siteId) : undefined))
    .orderBy(asc(checkIns.scannedAt))
    .all();
}

export interface AbsenteeLine extends InviteeLine {
  conferenceId: number;
  conferenceTitle: string;
  conferenceStartsAt: Date;
}

/**
 * Who was absent from the filter's conferences (excused at any time; without a
 * reason once the conference is over), with reasons and make-up sessions.
 */
export function absentees(db: Db, user: SessionUser, f: ReportFilter, now: Date = new Date()): AbsenteeLine[] {
  const list = reportConferences(db, user, f, now);
  const byId = new Map(list.map((c) => [c.id, c]));
  const out: AbsenteeLine[] = [];
  for (const ids of chunks(list.map((c) => c.id))) {
    const rows = db
      .select({ ...inviteeColumns, conferenceId: invitations.conferenceId })
      .from(invitations)
      .innerJoin(people, eq(people.id, invitations.personId))
      .innerJoin(units, eq(units.id, people.unitId))
      .innerJoin(sites, eq(sites.id, invitations.siteId))
      .leftJoin(checkIns, eq(checkIns.invitationId, invitations.id))
      .leftJoin(absences, eq(absences.invitationId, invitations.id))
      .leftJoin(reflectionEssays, eq(reflectionEssays.invitationId, invitations.id))
      .where(
        and(
          inArray(invitations.conferenceId, ids),
          countedInvitation(),
          sql`${checkIns.invitationId} is null`,
          f.category ? eq(invitations.attendeeCategory, f.category) : undefined,
        ),
      )
      .orderBy(asc(people.searchName))
      .all();
    for (const row of rows) {
      const conference = byId.get(row.conferenceId)!;
      const line = toLine(row as InviteeRow, conference, isOver(conference, now));
      if (line.status !== "excused" && line.status !== "unexcused") continue;
      out.push({ ...line, conferenceId: conference.id, conferenceTitle: conference.title, conferenceStartsAt: conference.startsAt });
    }
  }
  return out;
}
