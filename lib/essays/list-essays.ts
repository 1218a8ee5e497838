/**
 * The essays page's list: a conference's attendees in the user's part of it (essay-scope.ts),
 * whether each handed in their reflection essay and when, filtered (handed in / not yet) and
 * searched by name without diacritics (or phone), a page at a time; and the counts of that part.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { checkIns, conferences, invitations, people, reflectionEssays, sites, units } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { personSearchCondition } from "@/lib/people/search-condition";
import type { EssayState } from "@/lib/schemas/essays";
import { foldForSearch } from "@/lib/text/fold";
import { essayScope, isAttendee } from "./essay-scope";

export const ESSAYS_PER_PAGE = 200;

export interface EssayLine {
  invitationId: number;
  name: string;
  position: string;
  workplace: string;
  unitName: string;
  siteVenue: string;
  walkIn: boolean;
  substituteName: string | null;
  checkedInAt: Date;
  /** yyyy-MM-dd, or null: not handed in yet. */
  submittedOn: string | null;
}

export interface EssayCountsOfPart {
  /** Invitees present (substitutes included): the rate's base, as in the reports. */
  present: number;
  submitted: number;
  walkIns: number;
  walkInsSubmitted: number;
}

function attendees(db: Db, user: SessionUser, conferenceId: number) {
  return and(eq(invitations.conferenceId, conferenceId), isAttendee(), essayScope(db, user));
}

/** Counts of the user's part of the conference: those present, those who handed in (walk-ins apart). */
export async function essayCountsOfPart(db: Db, user: SessionUser, conferenceId: number): Promise<EssayCountsOfPart> {
  const rows = await db
    .select({
      kind: invitations.kind,
      n: sql<number>`count(*)`.mapWith(Number),
      submitted: sql<number>`count(${reflectionEssays.invitationId})`.mapWith(Number),
    })
    .from(invitations)
    .innerJoin(checkIns, eq(checkIns.invitationId, invitations.id))
    .innerJoin(conferences, eq(conferences.id, invitations.conferenceId))
    .innerJoin(sites, eq(sites.id, invitations.siteId))
    .leftJoin(reflectionEssays, eq(reflectionEssays.invitationId, invitations.id))
    .where(attendees(db, user, conferenceId))
    .groupBy(invitations.kind);
  const of = (kind: string) => rows.find((r) => r.kind === kind) ?? { n: 0, submitted: 0 };
  return { present: of("invited").n, submitted: of("invited").submitted, walkIns: of("walk_in").n, walkInsSubmitted: of("walk_in").submitted };
}

/** One page of attendees, by name; `state` keeps those who handed in, or those who did not. */
export async function listEssays(db: Db, user: SessionUser, conferenceId: number, q: { state?: EssayState; search?: string; page?: number }) {
  const folded = q.search ? foldForSearch(q.search) : "";
  const where = and(
    attendees(db, user, conferenceId),
    q.state === "submitted"
      ? sql`${reflectionEssays.invitationId} is not null`
      : q.state === "missing"
        ? sql`${reflectionEssays.invitationId} is null`
        : undefined,
    folded ? personSearchCondition(folded) : undefined,
  );
  const base = () =>
    db
      .select({
        invitationId: invitations.id,
        name: people.fullName,
        position: people.position,
        workplace: people.workplace,
        unitName: units.name,
        siteVenue: sites.venue,
        kind: invitations.kind,
        substituteName: invitations.substituteName,
        checkedInAt: checkIns.scannedAt,
        submittedOn: reflectionEssays.submittedOn,
      })
      .from(invitations)
      .innerJoin(checkIns, eq(checkIns.invitationId, invitations.id))
      .innerJoin(conferences, eq(conferences.id, invitations.conferenceId))
      .innerJoin(sites, eq(sites.id, invitations.siteId))
      .innerJoin(people, eq(people.id, invitations.personId))
      .innerJoin(units, eq(units.id, people.unitId))
      .leftJoin(reflectionEssays, eq(reflectionEssays.invitationId, invitations.id));
  const total = (await firstRow(
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(invitations)
      .innerJoin(checkIns, eq(checkIns.invitationId, invitations.id))
      .innerJoin(conferences, eq(conferences.id, invitations.conferenceId))
      .innerJoin(sites, eq(sites.id, invitations.siteId))
      .innerJoin(people, eq(people.id, invitations.personId))
      .leftJoin(reflectionEssays, eq(reflectionEssays.invitationId, invitations.id))
      .where(where),
  ))!.n;
  const pages = Math.max(1, Math.ceil(total / ESSAYS_PER_PAGE));
  const page = Math.min(Math.max(1, q.page ?? 1), pages);
  const lines: EssayLine[] = (
    await base()
      .where(where)
      .orderBy(asc(people.searchName), asc(invitations.id))
      .limit(ESSAYS_PER_PAGE)
      .offset((page - 1) * ESSAYS_PER_PAGE)
  ).map(({ kind, position, workplace, ...row }) => ({ ...row, position: position ?? "", workplace: workplace ?? "", walkIn: kind === "walk_in" }));
  return { lines, total, page, pages };
}
