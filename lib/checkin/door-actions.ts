/**
 * What else happens at the door: the person who came in someone's place,
 * an unlisted attendee (walk-in), and undoing a check-in made by mistake.
 * The caller has checked that the user may scan at the site (getScanSite).
 */
import { and, eq } from "drizzle-orm";
import { changedRows, firstRow, returnedRow, transaction, type Db, type Tx } from "@/db/client";
import { checkIns, invitations, people, reflectionEssays, scanLog, sites } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { foldForSearch } from "@/lib/text/fold";
import { isLateAt } from "./shared/verdict";

/** The person who came in the invitee's place: only for an invitation of this site (the door sees its own invitees only). */
export async function recordSubstitute(db: Db, userId: number, siteId: number, invitationId: number, name: string, position: string): Promise<boolean> {
  return await transaction(db, async (tx) => {
    const changed = changedRows(
      await tx
        .update(invitations)
        .set({ substituteName: name, substitutePosition: position || null })
        .where(and(eq(invitations.id, invitationId), eq(invitations.siteId, siteId), eq(invitations.kind, "invited"))),
    );
    if (changed)
      await recordAudit(tx, { userId, action: "substitute_at_door", entity: "invitation", entityId: invitationId, after: { name, position, siteId } });
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
  return await transaction(db, (tx) => registerWalkInInTransaction(tx, userId, input, now));
}

/**
 * registerWalkIn's work, for a caller that holds the write transaction (a synced batch). Idempotent by nonce:
 * the same walk-in sent twice (to two servers at once) is registered once, the unique nonce of check_ins deciding.
 */
export async function registerWalkInInTransaction(d: Tx, userId: number, input: WalkInInput, now: Date): Promise<{ invitationId: number }> {
  const previous = await firstRow(d.select().from(scanLog).where(eq(scanLog.nonce, input.nonce)));
  if (previous) return { invitationId: previous.invitationId! };
  try {
    // In a savepoint: when another server took the nonce meanwhile, the person and letter made here are undone.
    return await transaction(d, (savepoint) => insertWalkIn(savepoint, userId, input, now));
  } catch (error) {
    const registered = error instanceof NonceTaken ? await firstRow(d.select().from(scanLog).where(eq(scanLog.nonce, input.nonce))) : undefined;
    if (!registered) throw error;
    return { invitationId: registered.invitationId! };
  }
}

class NonceTaken extends Error {}

async function insertWalkIn(d: Tx, userId: number, input: WalkInInput, now: Date): Promise<{ invitationId: number }> {
  const site = (await firstRow(d.select().from(sites).where(eq(sites.id, input.siteId))))!;
  const conference = (await d.query.conferences.findFirst({ where: (c, { eq: e }) => e(c.id, site.conferenceId) }))!;
  const person = await returnedRow(
    d
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
      .returning({ id: people.id }),
  );
  const invitation = await returnedRow(
    d
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
      .returning({ id: invitations.id }),
  );
  const isLate = isLateAt({ startsAt: conference.startsAt.getTime(), graceMinutes: conference.graceMinutes }, input.scannedAt.getTime());
  const checkedIn = await d
    .insert(checkIns)
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
    .onConflictDoNothing()
    .returning({ id: checkIns.id });
  if (checkedIn.length === 0) throw new NonceTaken(`walk-in nonce ${input.nonce} registered by another request`);
  await d.insert(scanLog).values({
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
  });
  await recordAudit(d, { userId, action: "walk_in", entity: "invitation", entityId: invitation.id, after: { fullName: input.fullName, siteId: site.id } });
  return { invitationId: invitation.id };
}

/**
 * Removes a check-in made at this site; its scan_log rows stay, and the audit log keeps who, when and why.
 * A reflection essay recorded for it goes too (kept in the audit row): only attendees hand one in, and
 * the reports count essays on that rule (lib/reports/conference-figures.ts, essayTotals).
 */
export async function undoCheckIn(db: Db, userId: number, siteId: number, invitationId: number, reason: string): Promise<boolean> {
  return await transaction(db, async (tx) => {
    const existing = await firstRow(
      tx
        .select()
        .from(checkIns)
        .where(and(eq(checkIns.invitationId, invitationId), eq(checkIns.siteId, siteId))),
    );
    if (!existing) return false;
    const essay = await firstRow(tx.select().from(reflectionEssays).where(eq(reflectionEssays.invitationId, invitationId)));
    if (essay) await tx.delete(reflectionEssays).where(eq(reflectionEssays.invitationId, invitationId));
    await tx.delete(checkIns).where(eq(checkIns.id, existing.id));
    await recordAudit(tx, {
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
