/**
 * Invitee lists and invitations: add people (one by one or by filters), assign
 * sites, remove drafts, issue (letter number and signed QR token), revoke,
 * reissue, record a substitute. Scope: lib/invitations/invitation-scope.ts.
 */
import { updateEach, type RowUpdate } from "@/db/update-each";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { changedRows, returnedRow, firstRow, transaction, type Db, type Tx } from "@/db/client";
import { bodies, campaigns, conferences, invitations, letterSequences, people, sites } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { unitSubtree, type SessionUser } from "@/lib/auth/session-user";
import { revokedByStandingMerge } from "@/lib/people/merge-people";
import { signToken } from "@/lib/tokens/qr-token";
import { ensureCampaignKeys } from "./campaign-keys";
import { getInvitingConference, invitationWriteScope } from "./invitation-scope";

export type InvitationResult = { ok: true; count: number } | { ok: false; code: string };

export interface InviteeFilters {
  category?: string;
  unitId?: number;
  partyMember?: boolean;
}

async function context(db: Db, user: SessionUser, conferenceId: number, siteId?: number) {
  const ctx = await getInvitingConference(db, user, conferenceId);
  if (!ctx) return { error: "notFound" as const };
  if (ctx.conference.status === "cancelled") return { error: "cancelledReadOnly" as const };
  if (siteId !== undefined) {
    const site = await firstRow(
      db
        .select({ id: sites.id })
        .from(sites)
        .where(and(eq(sites.id, siteId), eq(sites.conferenceId, conferenceId))),
    );
    if (!site) return { error: "siteNotInConference" as const };
  }
  return { ctx };
}

/** People who may be invited to a conference: those of its unit and the units below it. */
async function invitableUnitIds(db: Db, conferenceUnitId: number) {
  return await unitSubtree(db, conferenceUnitId);
}

export async function addInvitees(db: Db, user: SessionUser, conferenceId: number, personIds: number[], siteId: number): Promise<InvitationResult> {
  return await transaction(db, async (db) => {
    const { ctx, error } = await context(db, user, conferenceId, siteId);
    if (error) return { ok: false, code: error };
    if (personIds.length === 0) return { ok: true, count: 0 };
    const allowed = (
      await db
        .select({ id: people.id })
        .from(people)
        .where(and(inArray(people.id, personIds), inArray(people.unitId, await invitableUnitIds(db, ctx.conference.unitId)), isNull(people.mergedIntoId)))
    ).map((p) => p.id);
    const count = await transaction(db, async (tx) => {
      let inserted = 0;
      for (let i = 0; i < allowed.length; i += 500) {
        inserted += changedRows(
          await tx
            .insert(invitations)
            .values(allowed.slice(i, i + 500).map((personId) => ({ conferenceId, personId, siteId, bodyId: ctx.bodyId, status: "draft" as const })))
            .onConflictDoNothing(),
        );
      }
      await recordAudit(tx, {
        userId: user.id,
        action: "add_invitees",
        entity: "conference",
        entityId: conferenceId,
        after: { count: inserted, siteId },
      });
      return inserted;
    });
    return { ok: true, count };
  });
}

export async function addInviteesByFilter(db: Db, user: SessionUser, conferenceId: number, filters: InviteeFilters, siteId: number): Promise<InvitationResult> {
  const ctx = await getInvitingConference(db, user, conferenceId);
  if (!ctx) return { ok: false, code: "notFound" };
  const units = await invitableUnitIds(db, ctx.conference.unitId);
  const ids = (
    await db
      .select({ id: people.id })
      .from(people)
      .where(
        and(
          inArray(people.unitId, filters.unitId ? units.filter((u) => u === filters.unitId) : units),
          isNull(people.mergedIntoId),
          filters.category ? eq(people.category, filters.category) : undefined,
          filters.partyMember === undefined ? undefined : eq(people.isPartyMember, filters.partyMember),
        ),
      )
  ).map((p) => p.id);
  return await addInvitees(db, user, conferenceId, ids, siteId);
}

/**
 * The invitations among `invitationIds` that the user may change in this
 * conference, or a refusal when any of them is not one (another conference's,
 * another body's, or no such invitation): a bulk action does all it was asked
 * or nothing, and never answers "done" for what it did not do.
 */
async function writableInConference(db: Db, user: SessionUser, conferenceId: number, invitationIds: number[]) {
  const ids = [...new Set(invitationIds)];
  const found = await db
    .select({ id: invitations.id, status: invitations.status, siteId: invitations.siteId })
    .from(invitations)
    .where(and(inArray(invitations.id, ids), eq(invitations.conferenceId, conferenceId), eq(invitations.kind, "invited"), invitationWriteScope(db, user)));
  return found.length === ids.length ? { found } : { error: "invitationNotInConference" as const };
}

/** Removes invitations not yet issued (an issued one is revoked instead, so the letter's QR stops working). */
export async function removeDraftInvitations(db: Db, user: SessionUser, conferenceId: number, invitationIds: number[]): Promise<InvitationResult> {
  if (invitationIds.length === 0) return { ok: true, count: 0 };
  const { error } = await context(db, user, conferenceId);
  if (error) return { ok: false, code: error };
  return await transaction(db, async (db): Promise<InvitationResult> => {
    const rows = await writableInConference(db, user, conferenceId, invitationIds);
    if (rows.error) return { ok: false, code: rows.error };
    if (rows.found.some((r) => r.status !== "draft")) return { ok: false, code: "removeIssued" };
    const ids = rows.found.map((r) => r.id);
    const count = changedRows(await db.delete(invitations).where(inArray(invitations.id, ids)));
    await recordAudit(db, { userId: user.id, action: "remove_invitees", entity: "conference", entityId: conferenceId, after: { invitationIds: ids, count } });
    return { ok: true, count };
  });
}

export async function setInvitationSite(db: Db, user: SessionUser, conferenceId: number, invitationIds: number[], siteId: number): Promise<InvitationResult> {
  const { error } = await context(db, user, conferenceId, siteId);
  if (error) return { ok: false, code: error };
  if (invitationIds.length === 0) return { ok: true, count: 0 };
  return await transaction(db, async (db): Promise<InvitationResult> => {
    const rows = await writableInConference(db, user, conferenceId, invitationIds);
    if (rows.error) return { ok: false, code: rows.error };
    const ids = rows.found.filter((r) => r.siteId !== siteId).map((r) => r.id);
    const count = ids.length === 0 ? 0 : changedRows(await db.update(invitations).set({ siteId }).where(inArray(invitations.id, ids)));
    if (count > 0)
      await recordAudit(db, {
        userId: user.id,
        action: "move_invitees",
        entity: "conference",
        entityId: conferenceId,
        after: { invitationIds: ids, siteId, count },
      });
    return { ok: true, count };
  });
}

/** The letter number of this body for this conference: the one already used, or the next in the body's sequence for the term. */
async function letterNumberFor(db: Tx, conferenceId: number, bodyId: number, term: string): Promise<string> {
  const existing = await firstRow(
    db
      .select({ letterNumber: invitations.letterNumber })
      .from(invitations)
      .where(and(eq(invitations.conferenceId, conferenceId), eq(invitations.bodyId, bodyId), sql`${invitations.letterNumber} is not null`)),
  );
  if (existing?.letterNumber) return existing.letterNumber;
  const body = (await firstRow(db.select({ symbol: bodies.symbol }).from(bodies).where(eq(bodies.id, bodyId))))!;
  const next = (
    await returnedRow(
      db
        .insert(letterSequences)
        .values({ bodyId, term, lastNumber: 1 })
        .onConflictDoUpdate({ target: [letterSequences.bodyId, letterSequences.term], set: { lastNumber: sql`${letterSequences.lastNumber} + 1` } })
        .returning({ n: letterSequences.lastNumber }),
    )
  ).n;
  return `${next}-GM/${body.symbol}`;
}

/** Issues every draft invitation the user manages for the conference: letter number and signed token. */
export async function issueInvitations(db: Db, user: SessionUser, conferenceId: number): Promise<InvitationResult> {
  return await transaction(db, async (db) => {
    const { ctx, error } = await context(db, user, conferenceId);
    if (error) return { ok: false, code: error };
    const campaign = (await firstRow(db.select().from(campaigns).where(eq(campaigns.id, ctx.conference.campaignId))))!;
    const term = campaign.term || String(new Date().getFullYear());
    const count = await transaction(db, async (tx) => {
      const d = tx;
      const keys = await ensureCampaignKeys(d, campaign.id);
      const drafts = await d
        .select({ id: invitations.id, bodyId: invitations.bodyId, tokenVersion: invitations.tokenVersion })
        .from(invitations)
        .where(
          and(eq(invitations.conferenceId, conferenceId), eq(invitations.status, "draft"), ctx.allBodies ? undefined : eq(invitations.bodyId, ctx.bodyId)),
        );
      const numbers = new Map<number, string>();
      const issuedAt = new Date();
      const issued: RowUpdate<typeof invitations>[] = [];
      for (const inv of drafts) {
        if (!numbers.has(inv.bodyId)) numbers.set(inv.bodyId, await letterNumberFor(d, conferenceId, inv.bodyId, term));
        const token = signToken({ invitationId: inv.id, conferenceId, tokenVersion: inv.tokenVersion }, keys.privateKey);
        issued.push({ id: inv.id, set: { status: "issued", letterNumber: numbers.get(inv.bodyId)!, token, issuedAt } });
      }
      await updateEach(tx, invitations, issued);
      await recordAudit(d, {
        userId: user.id,
        action: "issue_invitations",
        entity: "conference",
        entityId: conferenceId,
        after: { count: drafts.length, letterNumbers: [...numbers.values()] },
      });
      return drafts.length;
    });
    return { ok: true, count };
  });
}

/** One invitation the user may change, of the conference the request names (an id of another conference is not found). */
async function writableInvitation(db: Db, user: SessionUser, conferenceId: number, invitationId: number) {
  return await firstRow(
    db
      .select()
      .from(invitations)
      .where(and(eq(invitations.id, invitationId), eq(invitations.conferenceId, conferenceId), invitationWriteScope(db, user))),
  );
}

/**
 * Revokes an issued letter: its QR stops working at the door at once. The reason is kept and shown on the
 * list (not to the guest); until the letter is reissued, `restoreInvitation` makes the same QR valid again.
 */
export async function revokeInvitation(
  db: Db,
  user: SessionUser,
  conferenceId: number,
  invitationId: number,
  reason: string,
  now = new Date(),
): Promise<InvitationResult> {
  return await transaction(db, async (db) => {
    const inv = await writableInvitation(db, user, conferenceId, invitationId);
    if (!inv) return { ok: false, code: "invitationNotInConference" };
    if (inv.status !== "issued") return { ok: false, code: "notIssued" };
    await db.update(invitations).set({ status: "revoked", revokedAt: now, revokeReason: reason, revokedBy: user.id }).where(eq(invitations.id, inv.id));
    await recordAudit(db, {
      userId: user.id,
      action: "revoke",
      entity: "invitation",
      entityId: inv.id,
      before: { status: inv.status },
      after: { status: "revoked", reason },
    });
    return { ok: true, count: 1 };
  });
}

/**
 * "Khôi phục": a revoked letter is valid again with the same QR (the door's revocation list drops it).
 * Only while it was not reissued (a reissue makes it issued with a new token, so it is no longer revoked),
 * and not one a merge of two records revoked (that merge's undo restores it).
 */
export async function restoreInvitation(db: Db, user: SessionUser, conferenceId: number, invitationId: number): Promise<InvitationResult> {
  return await transaction(db, async (db) => {
    const inv = await writableInvitation(db, user, conferenceId, invitationId);
    if (!inv) return { ok: false, code: "invitationNotInConference" };
    if (inv.status !== "revoked") return { ok: false, code: "notRevoked" };
    if (await revokedByStandingMerge(db, inv)) return { ok: false, code: "revokedByMerge" };
    const status = inv.token ? "issued" : "draft";
    await db.update(invitations).set({ status, revokedAt: null, revokeReason: null, revokedBy: null }).where(eq(invitations.id, inv.id));
    await recordAudit(db, {
      userId: user.id,
      action: "restore",
      entity: "invitation",
      entityId: inv.id,
      before: { status: inv.status, reason: inv.revokeReason },
      after: { status },
    });
    return { ok: true, count: 1 };
  });
}

/** A new token (the old one stops working); a revoked invitation becomes valid again. */
export async function reissueInvitation(db: Db, user: SessionUser, conferenceId: number, invitationId: number): Promise<InvitationResult> {
  return await transaction(db, async (db) => {
    const inv = await writableInvitation(db, user, conferenceId, invitationId);
    if (!inv) return { ok: false, code: "invitationNotInConference" };
    if (inv.status === "draft") return { ok: false, code: "notIssued" };
    if (inv.status === "revoked" && (await revokedByStandingMerge(db, inv))) return { ok: false, code: "revokedByMerge" };
    const conference = (await firstRow(db.select({ campaignId: conferences.campaignId }).from(conferences).where(eq(conferences.id, inv.conferenceId))))!;
    const keys = await ensureCampaignKeys(db, conference.campaignId);
    const tokenVersion = inv.tokenVersion + 1;
    const token = signToken({ invitationId: inv.id, conferenceId: inv.conferenceId, tokenVersion }, keys.privateKey);
    await db
      .update(invitations)
      .set({ status: "issued", tokenVersion, token, revokedAt: null, revokeReason: null, revokedBy: null, issuedAt: new Date() })
      .where(eq(invitations.id, inv.id));
    await recordAudit(db, {
      userId: user.id,
      action: "reissue",
      entity: "invitation",
      entityId: inv.id,
      before: { tokenVersion: inv.tokenVersion, status: inv.status },
      after: { tokenVersion },
    });
    return { ok: true, count: 1 };
  });
}

export async function setSubstitute(
  db: Db,
  user: SessionUser,
  conferenceId: number,
  invitationId: number,
  name: string,
  position: string,
): Promise<InvitationResult> {
  return await transaction(db, async (db) => {
    const inv = await writableInvitation(db, user, conferenceId, invitationId);
    if (!inv) return { ok: false, code: "invitationNotInConference" };
    await db
      .update(invitations)
      .set({ substituteName: name || null, substitutePosition: name ? position || null : null })
      .where(eq(invitations.id, inv.id));
    await recordAudit(db, {
      userId: user.id,
      action: "substitute",
      entity: "invitation",
      entityId: inv.id,
      before: { name: inv.substituteName },
      after: { name, position },
    });
    return { ok: true, count: 1 };
  });
}
