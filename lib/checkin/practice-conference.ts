/**
 * The demo's practice conference: a conference whose door is open from the moment the demo is
 * seeded, so that a newcomer can try the scanner whatever the hour (docs/decisions/0025).
 *
 * Which conference it is lives in app_settings (PRACTICE_SETTING: its id), written by the seeds;
 * no schema change. An admin whose scope covers it can open it again ("Mở lại hội nghị thực
 * hành"): the same window from now, and the practice's door results cleared.
 */
import { and, eq, inArray, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { changedRows, firstRow, transaction, type Db, type Tx } from "@/db/client";
import { absences, appSettings, checkIns, conferences, invitations, people, personMerges, reflectionEssays } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { conferenceWriteScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";
import { can } from "@/lib/permissions";
import { doorPhaseAt } from "./shared/verdict";
import { checkInWindow } from "./window";

export const PRACTICE_SETTING = "practice_conference";
/** The practice starts this long before the moment it is seeded or opened again… */
export const PRACTICE_LEAD_MINUTES = 30;
/** …and lasts this long: a newcomer at 21:00 can still try the door the next morning. */
export const PRACTICE_HOURS = 24;
/**
 * Its lateness grace: scans in the first hours after seeding are "on time" (a plain green
 * "Mời vào"); a trainer who comes back the next day still sees the late badge. 240 is the most
 * a conference allows.
 */
export const PRACTICE_GRACE_MINUTES = 240;

const FIVE_MINUTES = 5 * 60_000;

/** The practice's start and end for a moment: from a little before it (rounded down to 5 minutes), for a day. */
export function practiceTimes(now: Date): { startsAt: Date; endsAt: Date } {
  const start = Math.floor((now.getTime() - PRACTICE_LEAD_MINUTES * 60_000) / FIVE_MINUTES) * FIVE_MINUTES;
  return { startsAt: new Date(start), endsAt: new Date(start + PRACTICE_HOURS * 3_600_000) };
}

export async function rememberPracticeConference(db: Tx, conferenceId: number): Promise<void> {
  await db
    .insert(appSettings)
    .values({ key: PRACTICE_SETTING, value: String(conferenceId) })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: String(conferenceId) } });
}

export async function practiceConferenceId(db: Db): Promise<number | null> {
  const value = (await firstRow(db.select().from(appSettings).where(eq(appSettings.key, PRACTICE_SETTING))))?.value;
  const id = Number(value);
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** The practice conference's door hours and whether it can be tried now (the login page says until when), or null. */
export async function practiceDoor(db: Db, now: Date = new Date()): Promise<{ conferenceId: number; opensAt: Date; closesAt: Date; open: boolean } | null> {
  const id = await practiceConferenceId(db);
  if (!id) return null;
  const row = await firstRow(
    db.select({ startsAt: conferences.startsAt, endsAt: conferences.endsAt, status: conferences.status }).from(conferences).where(eq(conferences.id, id)),
  );
  if (!row) return null;
  const window = checkInWindow(row);
  return {
    conferenceId: id,
    ...window,
    open: doorPhaseAt({ status: row.status, opensAt: window.opensAt.getTime(), closesAt: window.closesAt.getTime() }, now.getTime()) === "open",
  };
}

export type ReopenResult =
  | { ok: true; id: number; startsAt: Date; endsAt: Date; closesAt: Date; cleared: { checkIns: number; walkIns: number } }
  | { ok: false; reason: "forbidden" | "not_found" | "not_practice" };

/**
 * Opens the practice conference again, from a little before now for a day, and clears what the
 * last practice left at its door: check-ins, walk-in guests (their invitations, and the directory
 * entries the door made for them when nothing else uses them), substitutes and absences. Letters,
 * tokens and revocations stay (a trainee's letters keep working); the scan log stays (never
 * deleted: it is the door's audit trail). Admins only, within their scope (in the where clause).
 */
export async function reopenPracticeConference(db: Db, user: SessionUser, conferenceId: number, now: Date = new Date()): Promise<ReopenResult> {
  if (user.role !== "admin" || !can(user.role, "practice:reopen")) return { ok: false, reason: "forbidden" };
  return await transaction(db, async (db) => {
    const conference = await firstRow(
      db
        .select({
          id: conferences.id,
          startsAt: conferences.startsAt,
          endsAt: conferences.endsAt,
          status: conferences.status,
          graceMinutes: conferences.graceMinutes,
        })
        .from(conferences)
        .where(and(eq(conferences.id, conferenceId), conferenceWriteScope(user))),
    );
    if (!conference) return { ok: false, reason: "not_found" } as const;
    if ((await practiceConferenceId(db)) !== conference.id) return { ok: false, reason: "not_practice" } as const;

    const walkIns = await db
      .select({ id: invitations.id, personId: invitations.personId })
      .from(invitations)
      .where(and(eq(invitations.conferenceId, conference.id), eq(invitations.kind, "walk_in")));
    const checkInCount = changedRows(await db.delete(checkIns).where(eq(checkIns.conferenceId, conference.id)));
    // An essay belongs to a check-in (the reports count them so): they go with the practice's check-ins.
    await db.delete(reflectionEssays).where(eq(reflectionEssays.conferenceId, conference.id));
    const ofConference = db.select({ id: invitations.id }).from(invitations).where(eq(invitations.conferenceId, conference.id));
    await db.delete(absences).where(inArray(absences.invitationId, ofConference));
    if (walkIns.length > 0) {
      await db.delete(invitations).where(
        inArray(
          invitations.id,
          walkIns.map((w) => w.id),
        ),
      );
      // The door made a directory entry for each walk-in; it goes too unless something else now uses it.
      const invited = db
        .select({ one: sql`1` })
        .from(invitations)
        .where(eq(invitations.personId, people.id));
      const merged = db
        .select({ one: sql`1` })
        .from(personMerges)
        .where(or(eq(personMerges.keptPersonId, people.id), eq(personMerges.mergedPersonId, people.id)));
      const mergedInto = alias(people, "merged_people");
      const mergedHere = db
        .select({ one: sql`1` })
        .from(mergedInto)
        .where(eq(mergedInto.mergedIntoId, people.id));
      await db.delete(people).where(
        and(
          inArray(
            people.id,
            walkIns.map((w) => w.personId),
          ),
          notExists(invited),
          notExists(merged),
          notExists(mergedHere),
        ),
      );
    }
    await db.update(invitations).set({ substituteName: null, substitutePosition: null }).where(eq(invitations.conferenceId, conference.id));
    const times = practiceTimes(now);
    await db
      .update(conferences)
      .set({ ...times, status: "scheduled", cancelReason: null, graceMinutes: PRACTICE_GRACE_MINUTES, updatedAt: now })
      .where(eq(conferences.id, conference.id));
    const cleared = { checkIns: checkInCount - walkIns.length, walkIns: walkIns.length };
    await recordAudit(db, {
      userId: user.id,
      action: "practice_reopen",
      entity: "conference",
      entityId: conference.id,
      before: { startsAt: conference.startsAt, endsAt: conference.endsAt, status: conference.status, graceMinutes: conference.graceMinutes },
      after: { ...times, status: "scheduled", graceMinutes: PRACTICE_GRACE_MINUTES, cleared },
    });
    return { ok: true, id: conference.id, ...times, closesAt: checkInWindow(times).closesAt, cleared } as const;
  });
}
