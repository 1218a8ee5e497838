/**
 * Who was invited and what became of each: the lines of a conference's invitee list (streamed
 * for exports, a page at a time for the conference page), its walk-ins, and the absentees of a
 * report's conferences — each line with its status by the rules in attendance-rules.ts.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { streamRows } from "@/db/stream-rows";
import { absences, checkIns, invitations, people, reflectionEssays, sites, units } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { countedInvitation } from "@/lib/reports/counted-invitation";
import { inviteeStatus, isOver, minutesLate, type InviteeStatus } from "./attendance-rules";
import { chunks, reportConferences, type ReportConference, type ReportFilter } from "./report-conferences";

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

/** Rows one at a time (db/stream-rows.ts), mapped back by position: times to Dates (epoch ms on SQLite). */
async function* iterate(db: Db, query: { toSQL(): { sql: string; params: unknown[] } }): AsyncGenerator<InviteeRow> {
  const keys = Object.keys(inviteeColumns) as (keyof typeof inviteeColumns)[];
  const dates = new Set(["checkedInAt", "makeUpAttendedAt"]);
  for await (const values of streamRows(db, query)) {
    const row: Record<string, unknown> = {};
    keys.forEach((key, i) => (row[key] = dates.has(key) && values[i] !== null ? new Date(values[i] as number | Date) : values[i]));
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
export async function* conferenceInviteeLines(db: Db, conference: ReportConference, q: InviteeQuery, now: Date): AsyncGenerator<InviteeLine> {
  const over = isOver(conference, now);
  const query = inviteeSelect(db)
    .where(and(eq(invitations.conferenceId, conference.id), countedInvitation(), q.siteId ? eq(invitations.siteId, q.siteId) : undefined))
    .orderBy(asc(people.searchName), asc(invitations.id));
  for await (const row of iterate(db, query)) {
    const line = toLine(row, conference, over);
    if (!q.status || line.status === q.status) yield line;
  }
}

export async function conferenceInvitees(db: Db, conference: ReportConference, q: InviteeQuery, now: Date): Promise<InviteeLine[]> {
  const lines: InviteeLine[] = [];
  for await (const line of conferenceInviteeLines(db, conference, q, now)) lines.push(line);
  return lines;
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
export async function conferenceInviteePage(db: Db, conference: ReportConference, q: InviteeQuery & { sort?: InviteeSort; page?: number }, now: Date) {
  const over = isOver(conference, now);
  const status = statusSql(over);
  const where = and(
    eq(invitations.conferenceId, conference.id),
    countedInvitation(),
    q.siteId ? eq(invitations.siteId, q.siteId) : undefined,
    q.status ? sql`${status} = ${q.status}` : undefined,
  );
  const total = (await firstRow(
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(invitations)
      .leftJoin(checkIns, eq(checkIns.invitationId, invitations.id))
      .leftJoin(absences, eq(absences.invitationId, invitations.id))
      .where(where),
  ))!.n;
  const order = {
    name: [asc(people.searchName), asc(invitations.id)],
    unit: [asc(units.name), asc(people.searchName), asc(invitations.id)],
    status: [asc(status), asc(people.searchName), asc(invitations.id)],
    time: [sql`${checkIns.scannedAt} is null`, asc(checkIns.scannedAt), asc(people.searchName)],
  }[q.sort ?? "name"];
  const pages = Math.max(1, Math.ceil(total / INVITEES_PER_PAGE));
  const page = Math.min(Math.max(1, q.page ?? 1), pages);
  const rows = await inviteeSelect(db)
    .where(where)
    .orderBy(...order)
    .limit(INVITEES_PER_PAGE)
    .offset((page - 1) * INVITEES_PER_PAGE);
  return { lines: rows.map((row) => toLine(row as InviteeRow, conference, over)), total, page, pages };
}

/** Walk-ins of a conference: present without an invitation. */
export async function conferenceWalkIns(db: Db, conferenceId: number, siteId?: number) {
  return await db
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
    .orderBy(asc(checkIns.scannedAt));
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
export async function absentees(db: Db, user: SessionUser, f: ReportFilter, now: Date = new Date()): Promise<AbsenteeLine[]> {
  const list = await reportConferences(db, user, f, now);
  const byId = new Map(list.map((c) => [c.id, c]));
  const out: AbsenteeLine[] = [];
  for (const ids of chunks(list.map((c) => c.id))) {
    const rows = await db
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
      .orderBy(asc(people.searchName));
    for (const row of rows) {
      const conference = byId.get(row.conferenceId)!;
      const line = toLine(row as InviteeRow, conference, isOver(conference, now));
      if (line.status !== "excused" && line.status !== "unexcused") continue;
      out.push({ ...line, conferenceId: conference.id, conferenceTitle: conference.title, conferenceStartsAt: conference.startsAt });
    }
  }
  return out;
}
