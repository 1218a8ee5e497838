/**
 * Merging two records of the same person, and undoing it
 * (docs/decisions/0024-reversible-actions-and-readable-audit.md).
 *
 * Nothing is deleted. The merged record stays in `people` with `merged_into_id`
 * (hidden from lists, search, duplicate suggestions and invitee lists), its
 * invitations move to the kept record, and a `person_merges` row remembers
 * which moved and which were revoked, so that the undo can put them back.
 *
 * Two invitations to one conference cannot both belong to the kept record
 * (one invitation per person and conference): the one nobody checked in with
 * is revoked ("gộp hồ sơ") and stays where it was; when both were used at the
 * door the merge is refused (two people attended, or the roll call is wrong).
 */
import { and, asc, desc, eq, inArray, isNull, or } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { returnedRow, firstRow, transaction, type Db } from "@/db/client";
import { checkIns, conferences, invitations, people, personMerges, units, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { peopleInScope } from "./people";

/** The reason written on an invitation a merge revokes (the organiser sees it on the list). */
export const MERGE_REVOKE_REASON = "gộp hồ sơ";

/** The fields shown side by side before a merge. */
export const COMPARED_FIELDS = ["fullName", "position", "workplace", "unitName", "isPartyMember", "category", "phone", "email", "externalCode"] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export type MergeRefusal =
  | { ok: false; code: "mergeSame" | "notFound" | "mergeNotFound" | "mergeAlreadyUndone" }
  | { ok: false; code: "mergeAttendanceConflict"; conference: string }
  | { ok: false; code: "mergeKeptMergedSince"; name: string }
  | { ok: false; code: "mergeInvitationMovedSince"; conference: string };

type Person = typeof people.$inferSelect & { unitName: string };

async function scopedPerson(db: Db, user: Pick<SessionUser, "scopeUnitIds">, id: number): Promise<Person | null> {
  const row = await firstRow(
    db
      .select({ person: people, unitName: units.name })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(and(eq(people.id, id), peopleInScope(user))),
  );
  return row ? { ...row.person, unitName: row.unitName } : null;
}

/** One invitation of either record, with its conference and whether someone checked in with it. */
export interface InvitationLine {
  id: number;
  personId: number;
  conferenceId: number;
  conferenceTitle: string;
  startsAt: Date;
  status: "draft" | "issued" | "revoked";
  checkedIn: boolean;
}

async function invitationsOf(db: Db, personIds: number[]): Promise<InvitationLine[]> {
  return (
    await db
      .select({
        id: invitations.id,
        personId: invitations.personId,
        conferenceId: invitations.conferenceId,
        conferenceTitle: conferences.title,
        startsAt: conferences.startsAt,
        status: invitations.status,
        checkInId: checkIns.id,
      })
      .from(invitations)
      .innerJoin(conferences, eq(conferences.id, invitations.conferenceId))
      .leftJoin(checkIns, eq(checkIns.invitationId, invitations.id))
      .where(inArray(invitations.personId, personIds))
      .orderBy(asc(conferences.startsAt), asc(invitations.id))
  ).map(({ checkInId, ...r }) => ({ ...r, checkedIn: checkInId !== null }));
}

export interface MergePlan {
  ok: true;
  kept: Person;
  merged: Person;
  /** The merged record's invitations that move to the kept one (check-ins, absences and essays go with them). */
  moving: InvitationLine[];
  /** Invitations to a conference both were invited to, revoked because nobody checked in with them (either record's). */
  revoking: InvitationLine[];
  /** The merged record's invitations that cannot move (the kept record is invited there too) and stay with it. */
  staying: InvitationLine[];
  /** The compared fields whose values differ. */
  differences: ComparedField[];
}

const comparable = (p: Person, field: ComparedField) => {
  const value = p[field];
  return typeof value === "string" ? value.trim().normalize("NFC") : value;
};

/** What a merge of `mergedId` into `keptId` would do, or why it is refused. Reads only. */
export async function planPersonMerge(db: Db, user: Pick<SessionUser, "scopeUnitIds">, mergedId: number, keptId: number): Promise<MergePlan | MergeRefusal> {
  if (mergedId === keptId) return { ok: false, code: "mergeSame" };
  const kept = await scopedPerson(db, user, keptId);
  const merged = await scopedPerson(db, user, mergedId);
  if (!kept || !merged || kept.mergedIntoId !== null || merged.mergedIntoId !== null) return { ok: false, code: "notFound" };
  const all = await invitationsOf(db, [kept.id, merged.id]);
  const keptByConference = new Map(all.filter((i) => i.personId === kept.id).map((i) => [i.conferenceId, i]));
  const plan: MergePlan = { ok: true, kept, merged, moving: [], revoking: [], staying: [], differences: [] };
  for (const mine of all.filter((i) => i.personId === merged.id)) {
    const theirs = keptByConference.get(mine.conferenceId);
    if (!theirs) {
      plan.moving.push(mine);
      continue;
    }
    if (mine.checkedIn && theirs.checkedIn) return { ok: false, code: "mergeAttendanceConflict", conference: mine.conferenceTitle };
    plan.staying.push(mine);
    // The letter used at the door stays valid; the other one goes.
    const loser = mine.checkedIn ? theirs : mine;
    if (loser.status !== "revoked") plan.revoking.push(loser);
  }
  plan.differences = COMPARED_FIELDS.filter((f) => comparable(kept, f) !== comparable(merged, f));
  return plan;
}

export type MergeResult = { ok: true; mergeId: number; keptId: number; mergedName: string; moved: number; revoked: number } | MergeRefusal;

/** Merges `mergedId` into `keptId` as planned, in one write transaction; returns the merge's id for the undo. */
export async function mergePeople(db: Db, user: SessionUser, mergedId: number, keptId: number, now = new Date()): Promise<MergeResult> {
  return await transaction(db, async (db): Promise<MergeResult> => {
    const plan = await planPersonMerge(db, user, mergedId, keptId);
    if (!plan.ok) return plan;
    const moved = plan.moving.map((i) => i.id);
    const revoked = plan.revoking.map((i) => i.id);
    if (moved.length > 0) await db.update(invitations).set({ personId: plan.kept.id }).where(inArray(invitations.id, moved));
    if (revoked.length > 0) {
      await db
        .update(invitations)
        .set({ status: "revoked", revokedAt: now, revokeReason: MERGE_REVOKE_REASON, revokedBy: user.id })
        .where(inArray(invitations.id, revoked));
    }
    await db.update(people).set({ mergedIntoId: plan.kept.id }).where(eq(people.id, plan.merged.id));
    const merge = await returnedRow(
      db
        .insert(personMerges)
        .values({
          keptPersonId: plan.kept.id,
          mergedPersonId: plan.merged.id,
          movedInvitationIds: moved,
          revokedInvitationIds: revoked,
          mergedBy: user.id,
          mergedAt: now,
        })
        .returning({ id: personMerges.id }),
    );
    const { fullName, position, workplace, unitId, isPartyMember, category, phone, email, externalCode } = plan.merged;
    await recordAudit(db, {
      userId: user.id,
      action: "merge",
      entity: "person",
      entityId: plan.kept.id,
      before: { fullName, position, workplace, unitId, isPartyMember, category, phone, email, externalCode },
      after: { mergeId: merge.id, mergedPersonId: plan.merged.id, movedInvitationIds: moved, revokedInvitationIds: revoked },
    });
    return { ok: true, mergeId: merge.id, keptId: plan.kept.id, mergedName: plan.merged.fullName, moved: moved.length, revoked: revoked.length };
  });
}

export type UndoResult = { ok: true; keptId: number; mergedId: number; mergedName: string; movedBack: number; restored: number } | MergeRefusal;

/**
 * Puts a merge back: the merged record is a record of its own again, the
 * invitations that moved go back to it, and those the merge revoked are valid
 * again (unless someone changed them since: reissued, restored, revoked anew).
 * Refused, with the reason, when something done since makes it impossible:
 * the kept record was itself merged into a third one, or an invitation that
 * moved no longer belongs to the kept record.
 */
export async function undoMerge(db: Db, user: SessionUser, mergeId: number, now = new Date()): Promise<UndoResult> {
  return await transaction(db, async (db): Promise<UndoResult> => {
    const merge = await firstRow(db.select().from(personMerges).where(eq(personMerges.id, mergeId)));
    if (!merge) return { ok: false, code: "mergeNotFound" };
    const kept = await scopedPerson(db, user, merge.keptPersonId);
    const merged = await scopedPerson(db, user, merge.mergedPersonId);
    if (!kept || !merged) return { ok: false, code: "mergeNotFound" };
    if (merge.undoneAt) return { ok: false, code: "mergeAlreadyUndone" };
    if (kept.mergedIntoId !== null) {
      const further = await firstRow(db.select({ fullName: people.fullName }).from(people).where(eq(people.id, kept.mergedIntoId)));
      return { ok: false, code: "mergeKeptMergedSince", name: further?.fullName ?? kept.fullName };
    }
    // The invitations that moved and still exist (one deleted with its conference has nothing to go back).
    const moved =
      merge.movedInvitationIds.length > 0
        ? await db
            .select({ id: invitations.id, personId: invitations.personId, conferenceId: invitations.conferenceId, title: conferences.title })
            .from(invitations)
            .innerJoin(conferences, eq(conferences.id, invitations.conferenceId))
            .where(inArray(invitations.id, merge.movedInvitationIds))
        : [];
    const stray = moved.find((i) => i.personId !== kept.id);
    if (stray) return { ok: false, code: "mergeInvitationMovedSince", conference: stray.title };
    // Going back must not give the merged record two invitations to one conference.
    const mergedConferences = new Set((await invitationsOf(db, [merged.id])).map((i) => i.conferenceId));
    const clash = moved.find((i) => mergedConferences.has(i.conferenceId));
    if (clash) return { ok: false, code: "mergeInvitationMovedSince", conference: clash.title };

    const movedBack = moved.map((i) => i.id);
    if (movedBack.length > 0) await db.update(invitations).set({ personId: merged.id }).where(inArray(invitations.id, movedBack));
    // Only what the merge itself revoked and nobody touched since: same reason, same moment.
    const toRestore =
      merge.revokedInvitationIds.length > 0
        ? (
            await db
              .select({
                id: invitations.id,
                token: invitations.token,
                revokedAt: invitations.revokedAt,
                revokeReason: invitations.revokeReason,
                status: invitations.status,
              })
              .from(invitations)
              .where(inArray(invitations.id, merge.revokedInvitationIds))
          ).filter((i) => i.status === "revoked" && i.revokeReason === MERGE_REVOKE_REASON && i.revokedAt?.getTime() === merge.mergedAt.getTime())
        : [];
    for (const inv of toRestore) {
      await db
        .update(invitations)
        .set({ status: inv.token ? "issued" : "draft", revokedAt: null, revokeReason: null, revokedBy: null })
        .where(eq(invitations.id, inv.id));
    }
    await db.update(people).set({ mergedIntoId: null }).where(eq(people.id, merged.id));
    await db.update(personMerges).set({ undoneBy: user.id, undoneAt: now }).where(eq(personMerges.id, merge.id));
    await recordAudit(db, {
      userId: user.id,
      action: "undo_merge",
      entity: "person",
      entityId: merged.id,
      before: { mergedIntoId: kept.id },
      after: { mergeId: merge.id, keptPersonId: kept.id, movedBackInvitationIds: movedBack, restoredInvitationIds: toRestore.map((i) => i.id) },
    });
    return { ok: true, keptId: kept.id, mergedId: merged.id, mergedName: merged.fullName, movedBack: movedBack.length, restored: toRestore.length };
  });
}

const mergedPerson = alias(people, "merged_person");
const keptPerson = alias(people, "kept_person");
const undoer = alias(users, "undoer");

/** The merges into a person (newest first), for the person's page: who, when, how much moved, undone or not. */
export async function listMergesInto(db: Db, user: Pick<SessionUser, "scopeUnitIds">, keptId: number) {
  return await db
    .select({
      id: personMerges.id,
      mergedPersonId: personMerges.mergedPersonId,
      mergedName: mergedPerson.fullName,
      mergedPosition: mergedPerson.position,
      movedInvitationIds: personMerges.movedInvitationIds,
      revokedInvitationIds: personMerges.revokedInvitationIds,
      mergedAt: personMerges.mergedAt,
      mergedByName: users.fullName,
      undoneAt: personMerges.undoneAt,
      undoneByName: undoer.fullName,
    })
    .from(personMerges)
    .innerJoin(mergedPerson, eq(mergedPerson.id, personMerges.mergedPersonId))
    .innerJoin(keptPerson, eq(keptPerson.id, personMerges.keptPersonId))
    .leftJoin(users, eq(users.id, personMerges.mergedBy))
    .leftJoin(undoer, eq(undoer.id, personMerges.undoneBy))
    .where(
      and(
        eq(personMerges.keptPersonId, keptId),
        user.scopeUnitIds === "all" ? undefined : and(inArray(keptPerson.unitId, user.scopeUnitIds), inArray(mergedPerson.unitId, user.scopeUnitIds)),
      ),
    )
    .orderBy(desc(personMerges.mergedAt), desc(personMerges.id));
}
export type MergeRow = Awaited<ReturnType<typeof listMergesInto>>[number];

/** For the page of a merged record: the record it went into, and the merge that can be undone. */
export async function findMergeOf(db: Db, user: Pick<SessionUser, "scopeUnitIds">, mergedId: number) {
  const person = await scopedPerson(db, user, mergedId);
  if (!person || person.mergedIntoId === null) return null;
  const kept = (await firstRow(db.select({ id: people.id, fullName: people.fullName }).from(people).where(eq(people.id, person.mergedIntoId))))!;
  const merge = await firstRow(
    db
      .select({ id: personMerges.id })
      .from(personMerges)
      .where(and(eq(personMerges.mergedPersonId, mergedId), eq(personMerges.keptPersonId, kept.id), isNull(personMerges.undoneAt)))
      .orderBy(desc(personMerges.id)),
  );
  return { person, kept, mergeId: merge?.id ?? null };
}

/** Whether an invitation was revoked by a merge that still stands (restoring it alone would make the hidden record's letter valid). */
export async function revokedByStandingMerge(db: Db, invitation: { id: number; personId: number }): Promise<boolean> {
  return (
    await db
      .select({ revoked: personMerges.revokedInvitationIds })
      .from(personMerges)
      .where(and(isNull(personMerges.undoneAt), or(eq(personMerges.keptPersonId, invitation.personId), eq(personMerges.mergedPersonId, invitation.personId))))
  ).some((m) => m.revoked.includes(invitation.id));
}
