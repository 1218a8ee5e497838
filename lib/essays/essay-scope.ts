/**
 * Whose essays a user may see and record: the attendees of the conferences whose attendance
 * the user reads (reportScope, lib/reports/report-scope.ts), and of those only the part the user
 * sees (siteReadScope, lib/auth/scope.ts): a provincial conference seen from a district shows, and
 * lets them mark, that district's bridge point only. Both are SQL on `conferences` and `sites`:
 * queries join an invitation to its conference and its site and put this in their `where`.
 * Recording also needs the role's permission ("essay:record"): organisers and admins.
 */
import { and, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { checkIns, conferences, invitations, sites } from "@/db/schema";
import { siteReadScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";
import { reportScope } from "@/lib/reports/report-scope";

/** SQL on `conferences` and `sites` (joined to the invitation): the part of the conference the user reads. */
export function essayScope(db: Db, user: SessionUser): SQL {
  return and(reportScope(db, user), siteReadScope(db, user))!;
}

/**
 * SQL on `invitations` (joined to `check_ins`): an attendee, one who can hand in an essay:
 * an issued invitation, or a walk-in, with a check-in (a substitute checks in on the invitation).
 */
export function isAttendee(): SQL {
  return and(eq(invitations.status, "issued"), inArray(invitations.kind, ["invited", "walk_in"]), sql`${checkIns.invitationId} is not null`)!;
}

/** The conference, if the user reads its attendance and it is not cancelled (cancelled conferences count for nothing). */
export async function essayConference(db: Db, user: SessionUser, conferenceId: number) {
  const conference = await firstRow(
    db
      .select({
        id: conferences.id,
        title: conferences.title,
        startsAt: conferences.startsAt,
        endsAt: conferences.endsAt,
        status: conferences.status,
        unitId: conferences.unitId,
      })
      .from(conferences)
      .where(and(eq(conferences.id, conferenceId), reportScope(db, user))),
  );
  return conference ?? null;
}

/** Invitation ids of this conference the user may act on (scope in SQL), as a subquery for `where … in (…)`. */
export function scopedInvitationIds(db: Db, user: SessionUser, conferenceId: number, ids: number[]) {
  return db
    .select({ id: invitations.id })
    .from(invitations)
    .innerJoin(conferences, eq(conferences.id, invitations.conferenceId))
    .innerJoin(sites, eq(sites.id, invitations.siteId))
    .where(and(eq(invitations.conferenceId, conferenceId), inArray(invitations.id, ids), ne(conferences.status, "cancelled"), essayScope(db, user)));
}
