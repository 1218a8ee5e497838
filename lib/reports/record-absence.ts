/**
 * Excused absences (vắng có lý do) and make-up sessions (học bù), recorded by
 * the organisers who issued the invitation (invitationWriteScope, in SQL).
 * Only for invitees who did not check in; every change is in the audit log.
 */
import { and, eq, isNull } from "drizzle-orm";
import { firstRow, transaction, type Db } from "@/db/client";
import { absences, checkIns, invitations, type AbsenceReason } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { recordAudit } from "@/lib/audit/record-audit";
import { invitationWriteScope } from "@/lib/invitations/invitation-scope";
import { zonedInstant } from "@/lib/time/zone";

export type AbsenceResult = { ok: true; conferenceId: number } | { ok: false; code: "not_found" | "present" };

/** The invitation, if the user may record for it and its guest did not check in. */
async function absentInvitation(db: Db, user: SessionUser, invitationId: number): Promise<AbsenceResult> {
  const row = await firstRow(
    db
      .select({ conferenceId: invitations.conferenceId, checkedIn: checkIns.id })
      .from(invitations)
      .leftJoin(checkIns, eq(checkIns.invitationId, invitations.id))
      .where(and(eq(invitations.id, invitationId), eq(invitations.kind, "invited"), eq(invitations.status, "issued"), invitationWriteScope(db, user))),
  );
  if (!row) return { ok: false, code: "not_found" };
  if (row.checkedIn) return { ok: false, code: "present" };
  return { ok: true, conferenceId: row.conferenceId };
}

export async function recordAbsence(
  db: Db,
  user: SessionUser,
  input: { invitationId: number; reason: AbsenceReason | ""; note: string },
  now = new Date(),
): Promise<AbsenceResult> {
  return await transaction(db, async (tx) => {
    const d = tx;
    const found = await absentInvitation(d, user, input.invitationId);
    if (!found.ok) return found;
    const before = await firstRow(d.select().from(absences).where(eq(absences.invitationId, input.invitationId)));
    const reason = input.reason || null;
    if (!reason && !before?.makeUpAttendedAt) await d.delete(absences).where(eq(absences.invitationId, input.invitationId));
    else if (before) await d.update(absences).set({ reason, note: input.note, recordedBy: user.id, recordedAt: now }).where(eq(absences.id, before.id));
    else await d.insert(absences).values({ invitationId: input.invitationId, reason, note: input.note, recordedBy: user.id, recordedAt: now });
    await recordAudit(d, {
      userId: user.id,
      action: "record_absence",
      entity: "invitation",
      entityId: input.invitationId,
      before: before ?? null,
      after: { reason, note: input.note },
    });
    return found;
  });
}

export async function recordMakeUp(
  db: Db,
  user: SessionUser,
  input: { invitationId: number; date: string | null; note: string },
  now = new Date(),
): Promise<AbsenceResult> {
  return await transaction(db, async (tx) => {
    const d = tx;
    const found = await absentInvitation(d, user, input.invitationId);
    if (!found.ok) return found;
    const before = await firstRow(d.select().from(absences).where(eq(absences.invitationId, input.invitationId)));
    const attendedAt = input.date ? zonedInstant(input.date, "12:00") : null;
    if (before)
      await d
        .update(absences)
        .set({ makeUpAttendedAt: attendedAt, makeUpNote: input.note || null })
        .where(eq(absences.id, before.id));
    else if (attendedAt)
      await d.insert(absences).values({
        invitationId: input.invitationId,
        reason: null,
        recordedBy: user.id,
        recordedAt: now,
        makeUpAttendedAt: attendedAt,
        makeUpNote: input.note || null,
      });
    // A row with neither a reason nor a make-up says nothing: remove it.
    await d.delete(absences).where(and(eq(absences.invitationId, input.invitationId), isNull(absences.reason), isNull(absences.makeUpAttendedAt)));
    await recordAudit(d, {
      userId: user.id,
      action: "record_make_up",
      entity: "invitation",
      entityId: input.invitationId,
      before: before ?? null,
      after: { date: input.date, note: input.note },
    });
    return found;
  });
}
