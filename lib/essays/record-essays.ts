import { flatMapInOrder } from "@/lib/async/in-order";
/**
 * Recording who handed in their reflection essay (bài thu hoạch), for a set of attendees at
 * once: the ticked lines of the essays page, or the matched lines of an import. A row in
 * reflection_essays means "handed in, on that day"; no row, not yet.
 *
 * - Only attendees (an issued invitation or a walk-in, with a check-in) can hand one in: a
 *   request naming anyone else is refused whole, with their names; nothing is written.
 * - Scope in SQL (essay-scope.ts): an id outside the user's part of the conference, or of
 *   another conference, is "not found", and nothing is written.
 * - Recording never changes an essay already recorded (its day stays): re-importing a list, or
 *   ticking someone twice, changes nothing. To correct a day, unmark then mark again.
 * - The day is a Vietnamese calendar day, not before the conference's day and not after today.
 * - One audit row per request, with the invitations and days (before, for unmarking).
 */
import { and, eq, inArray } from "drizzle-orm";
import { changedRows, transaction, type Db } from "@/db/client";
import { checkIns, conferences, invitations, people, reflectionEssays, sites } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { can } from "@/lib/permissions";
import { zonedDateKey } from "@/lib/time/zone";
import { essayConference, essayScope, scopedInvitationIds } from "./essay-scope";

export interface EssayEntry {
  invitationId: number;
  /** yyyy-MM-dd, Vietnam. */
  submittedOn: string;
}

export type EssayRefusal =
  | { ok: false; code: "notFound" }
  | { ok: false; code: "cancelled" }
  | { ok: false; code: "notAttendee"; names: string[]; count: number }
  | { ok: false; code: "dateBeforeConference"; conferenceDate: string }
  | { ok: false; code: "dateInFuture"; today: string };

export type EssayResult = { ok: true; conferenceId: number; changed: number; unchanged: number } | EssayRefusal;

const CHUNK = 5000;
const chunks = <T>(list: T[]) => Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));

/** Why a day cannot be an essay's: before the conference's day, or after today (both in Vietnam); null when it can. */
export function essayDateProblem(conference: { startsAt: Date }, submittedOn: string, now: Date): EssayRefusal | null {
  const conferenceDate = zonedDateKey(conference.startsAt);
  if (submittedOn < conferenceDate) return { ok: false, code: "dateBeforeConference", conferenceDate };
  const today = zonedDateKey(now);
  if (submittedOn > today) return { ok: false, code: "dateInFuture", today };
  return null;
}

/** The named invitations of the conference within the user's part, with whether each attended and its essay. */
async function scopedRows(db: Db, user: SessionUser, conferenceId: number, ids: number[]) {
  return await flatMapInOrder(
    chunks(ids),
    async (part) =>
      await db
        .select({
          invitationId: invitations.id,
          name: people.fullName,
          kind: invitations.kind,
          status: invitations.status,
          checkedIn: checkIns.invitationId,
          submittedOn: reflectionEssays.submittedOn,
        })
        .from(invitations)
        .innerJoin(conferences, eq(conferences.id, invitations.conferenceId))
        .innerJoin(sites, eq(sites.id, invitations.siteId))
        .innerJoin(people, eq(people.id, invitations.personId))
        .leftJoin(checkIns, eq(checkIns.invitationId, invitations.id))
        .leftJoin(reflectionEssays, eq(reflectionEssays.invitationId, invitations.id))
        .where(and(eq(invitations.conferenceId, conferenceId), inArray(invitations.id, part), essayScope(db, user))),
  );
}

/** Marks these attendees as having handed in their essay on the given days. */
export async function recordEssays(db: Db, user: SessionUser, input: { conferenceId: number; entries: EssayEntry[] }, now = new Date()): Promise<EssayResult> {
  if (!can(user.role, "essay:record")) return { ok: false, code: "notFound" };
  const entries = [...new Map(input.entries.map((e) => [e.invitationId, e])).values()];
  return await transaction(db, async (db): Promise<EssayResult> => {
    const conference = await essayConference(db, user, input.conferenceId);
    if (!conference) return { ok: false, code: "notFound" };
    if (conference.status === "cancelled") return { ok: false, code: "cancelled" };
    for (const day of new Set(entries.map((e) => e.submittedOn))) {
      const problem = essayDateProblem(conference, day, now);
      if (problem) return problem;
    }
    const rows = await scopedRows(
      db,
      user,
      conference.id,
      entries.map((e) => e.invitationId),
    );
    if (rows.length !== entries.length) return { ok: false, code: "notFound" };
    const absent = rows.filter((r) => r.checkedIn === null || r.status !== "issued");
    if (absent.length > 0) return { ok: false, code: "notAttendee", names: absent.slice(0, 5).map((r) => r.name), count: absent.length };
    const recorded = new Set(rows.filter((r) => r.submittedOn !== null).map((r) => r.invitationId));
    const fresh = entries.filter((e) => !recorded.has(e.invitationId));
    for (let i = 0; i < fresh.length; i += 500) {
      await db
        .insert(reflectionEssays)
        .values(
          fresh
            .slice(i, i + 500)
            .map((e) => ({ invitationId: e.invitationId, conferenceId: conference.id, submittedOn: e.submittedOn, recordedBy: user.id, recordedAt: now })),
        )
        .onConflictDoNothing();
    }
    if (fresh.length > 0) {
      await recordAudit(db, {
        userId: user.id,
        action: "record_essays",
        entity: "conference",
        entityId: conference.id,
        after: { count: fresh.length, essays: fresh.map((e) => [e.invitationId, e.submittedOn]) },
      });
    }
    return { ok: true, conferenceId: conference.id, changed: fresh.length, unchanged: entries.length - fresh.length };
  });
}

/** Takes the mark off: these attendees have not handed in (yet). */
export async function unrecordEssays(db: Db, user: SessionUser, input: { conferenceId: number; invitationIds: number[] }): Promise<EssayResult> {
  if (!can(user.role, "essay:record")) return { ok: false, code: "notFound" };
  const ids = [...new Set(input.invitationIds)];
  return await transaction(db, async (db): Promise<EssayResult> => {
    const conference = await essayConference(db, user, input.conferenceId);
    if (!conference) return { ok: false, code: "notFound" };
    if (conference.status === "cancelled") return { ok: false, code: "cancelled" };
    const rows = await scopedRows(db, user, conference.id, ids);
    if (rows.length !== ids.length) return { ok: false, code: "notFound" };
    const before = rows.filter((r) => r.submittedOn !== null);
    let changed = 0;
    for (const part of chunks(before.map((r) => r.invitationId))) {
      changed += changedRows(
        await db.delete(reflectionEssays).where(inArray(reflectionEssays.invitationId, scopedInvitationIds(db, user, conference.id, part))),
      );
    }
    if (changed > 0) {
      await recordAudit(db, {
        userId: user.id,
        action: "unrecord_essays",
        entity: "conference",
        entityId: conference.id,
        before: { count: before.length, essays: before.map((r) => [r.invitationId, r.submittedOn]) },
      });
    }
    return { ok: true, conferenceId: conference.id, changed, unchanged: ids.length - changed };
  });
}
