/**
 * What else happens at the door: the person who came in someone's place,
 * an unlisted attendee (walk-in), and undoing a check-in made by mistake.
 * The caller has checked that the user may scan at the site (getScanSite).
 */
import { and, eq } from "drizzle-orm";
import { synchronousTransaction, type Db, type SyncSqlite } from "@/db/client";
import { checkIns, invitations, people, reflectionEssays, scanLog, sites } from "@/db/schema";
import { recordAuditNow } from "@/lib/audit/record-audit";
import { foldForSearch } from "@/lib/text/fold";
import { isLateAt } from "./shared/verdict";

/** The person who came in the invitee's place: only for an invitation of this site (the door sees its own invitees only). */
export async function recordSubstitute(db: Db, userId: number, siteId: number, invitationId: number, name: string, position: string): Promise<boolean> {
  return await synchronousTransaction(db, (tx) => {
    const changed = tx
      .update(invitations)
      .set({ substituteName: name, substitutePosition: position || null })
      .where(and(eq(invitations.id, invitationId), eq(invitations.siteId, siteId), eq(invitations.kind, "invited")))
      .run().changes;
    if (changed) recordAuditNow(tx, { userId, action: "substitute_at_door", entity: "invitation", entityId: invitationId, after: { name, position, siteId } });
    return changed > 0;
  });
}

export interface WalkInInput {
  siteId: number;
  fullName: string;
  position: string;
  workplace: string;
  deviceId: string;
  nonce: string;
  scannedAt: Date;
}

export async function registerWalkIn(db: Db, userId: number, input: WalkInInput, now: Date = new Date()) {
  return await synchronousTransaction(db, (tx) => registerWalkInInTransaction(tx, userId, input, now));
}

/** registerWalkIn's work, for a caller that holds the write transaction (a synced batch). Idempotent by nonce. */
export function registerWalkInInTransaction(d: SyncSqlite, userId: number, input: WalkInInput, now: Date) {
  const previous = d.select().from(scanLog).where(eq(scanLog.nonce, input.nonce)).get();
  if (previous) return { invitationId: previous.invitationId! };
  const site = d.select().from(sites).where(eq(sites.id, input.siteId)).get()!;
  const conference = d.query.conferences.findFirst({ where: (c, { eq: e }) => e(c.id, site.conferenceId) }).sync()!;
  const person = d
    .insert(people)
    .values({
      fullName: input.fullName,
      searchName: foldForSearch(input.fullName),
      position: input.position,
      workplace: input.workplace,
      unitId: site.unitId,
      isPartyMember: false,
      category: "",
    })
    .returning({ id: people.id })
    .get();
  const invitation = d
    .insert(invitations)
    .values({
      conferenceId: site.conferenceId,
      personId: person.id,
      bodyId: conference.bodyId,
      siteId: site.id,
      kind: "walk_in",
      status: "issued",
      issuedAt: now,
    })
    .returning({ id: invitations.id })
    .get();
  const isLate = isLateAt({ startsAt: conference.startsAt.getTime(), graceMinutes: conference.graceMinutes }, input.scannedAt.getTime());
  d.insert(checkIns)
    .values({
      invitationId: invitation.id,
      conferenceId: site.conferenceId,
      siteId: site.id,
      scannedAt: input.scannedAt,
      receivedAt: now,
      scannerUserId: userId,
      deviceId: input.deviceId,
      method: "walk_in",
      isLate,
      nonce: input.nonce,
    })
    .run();
  d.insert(scanLog)
    .values({
      nonce: input.nonce,
      token: `walk-in:${invitation.id}`,
      invitationId: invitation.id,
      conferenceId: site.conferenceId,
      siteId: site.id,
      verdict: "ok",
      method: "walk_in",
      deviceId: input.deviceId,
      userId,
      scannedAt: input.scannedAt,
      receivedAt: now,
    })
    .run();
  recordAuditNow(d, { userId, action: "walk_in", entity: "invitation", entityId: invitation.id, after: { fullName: input.fullName, siteId: site.id } });
  return { invitationId: invitation.id };
}

/**
 * Removes a check-in made at this site; its scan_log rows stay, and the audit log keeps who, when and why.
 * A reflection essay recorded for it goes too (kept in the audit row): only attendees hand one in, and
 * the reports count essays on that rule (lib/reports/conference-figures.ts, essayTotals).
 */
export async function undoCheckIn(db: Db, userId: number, siteId: number, invitationId: number, reason: string): Promise<boolean> {
  return await synchronousTransaction(db, (tx) => {
    const existing = tx
      .select()
      .from(checkIns)
      .where(and(eq(checkIns.invitationId, invitationId), eq(checkIns.siteId, siteId)))
      .get();
    if (!existing) return false;
    const essay = tx.select().from(reflectionEssays).where(eq(reflectionEssays.invitationId, invitationId)).get();
    if (essay) tx.delete(reflectionEssays).where(eq(reflectionEssays.invitationId, invitationId)).run();
    tx.delete(checkIns).where(eq(checkIns.id, existing.id)).run();
    recordAuditNow(tx, {
      userId,
      action: "undo_check_in",
      entity: "check_in",
      entityId: existing.id,
      before: essay ? { ...existing, essay } : existing,
      after: { reason },
    });
    return true;
  });
}
