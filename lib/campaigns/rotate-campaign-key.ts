/**
 * Signing-key rotation, for a key that may have leaked. The campaign gets a
 * new key pair; the old public key is kept in campaign_retired_keys so that
 * letters already handed out still verify until they are reissued. When the
 * old key is revoked (or a retired one later), tokens signed with it stop
 * verifying everywhere (verificationKeys leaves it out), and the invitations
 * that still carry such a token get a new one at once (a new token version,
 * signed with the new key, in short batches after the key change): their
 * letters must be printed again.
 */
import { updateEach, type RowUpdate } from "@/db/update-each";
import { and, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { firstRow, transaction, type Db } from "@/db/client";
import { campaignRetiredKeys, campaigns, conferences, invitations } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { ensureCampaignKeys } from "@/lib/invitations/campaign-keys";
import { generateCampaignKeys, signToken, verifyToken } from "@/lib/tokens/qr-token";
import { isRootAdmin } from "./manage-campaigns";

export type KeyResult = { ok: true; reissued: number } | { ok: false; code: "forbidden" | "campaignNotFound" | "keyNotFound" };

/** Invitations re-signed per transaction: each holds the write lock for a fraction of a second, so door scans never wait long. */
const REISSUE_BATCH = 1000;

/**
 * Gives a new token to each issued invitation of the campaign whose token one
 * of these (revoked) keys signed, in batches of short immediate transactions
 * after the key change is committed. Between batches a letter not yet re-signed
 * is refused at the door as it will be afterwards (its key is revoked); each
 * row is re-read in its batch, so a letter reissued meanwhile is left alone.
 */
async function reissueSignedBy(db: Db, campaignId: number, publicKeys: string[]): Promise<number> {
  if (publicKeys.length === 0) return 0;
  const ids = (
    await db
      .select({ id: invitations.id })
      .from(invitations)
      .innerJoin(conferences, eq(conferences.id, invitations.conferenceId))
      .where(and(eq(conferences.campaignId, campaignId), eq(invitations.status, "issued"), isNotNull(invitations.token)))
  ).map((r) => r.id);
  let reissued = 0;
  for (let i = 0; i < ids.length; i += REISSUE_BATCH) {
    reissued += await transaction(db, async (db) => {
      const batch = ids.slice(i, i + REISSUE_BATCH);
      // Re-read in the transaction: a letter reissued or revoked meanwhile is left alone.
      const rows = await db
        .select({
          id: invitations.id,
          conferenceId: invitations.conferenceId,
          tokenVersion: invitations.tokenVersion,
          token: invitations.token,
          status: invitations.status,
        })
        .from(invitations)
        .where(inArray(invitations.id, batch));
      const { privateKey } = await ensureCampaignKeys(db, campaignId);
      const issuedAt = new Date();
      const updates: RowUpdate<typeof invitations>[] = [];
      for (const inv of rows) {
        if (inv.status !== "issued" || !inv.token || !publicKeys.some((key) => verifyToken(inv.token!, key).ok)) continue;
        const tokenVersion = inv.tokenVersion + 1;
        updates.push({
          id: inv.id,
          set: { tokenVersion, token: signToken({ invitationId: inv.id, conferenceId: inv.conferenceId, tokenVersion }, privateKey), issuedAt },
        });
      }
      await updateEach(db, invitations, updates);
      const n = updates.length;
      return n;
    });
  }
  return reissued;
}

/**
 * A new signing key for the campaign. The old public key is retired (tokens it
 * signed still verify), or revoked with `revokeOld` (they no longer do, and the
 * invitations carrying them get new tokens).
 */
export async function rotateCampaignKey(
  db: Db,
  actor: SessionUser,
  campaignId: number,
  { revokeOld = false }: { revokeOld?: boolean } = {},
  now: Date = new Date(),
): Promise<KeyResult> {
  if (!isRootAdmin(actor)) return { ok: false, code: "forbidden" };
  const rotated = await transaction(db, async (db) => {
    if (!(await firstRow(db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, campaignId))))) return null;
    const old = await ensureCampaignKeys(db, campaignId);
    const fresh = generateCampaignKeys();
    await db.insert(campaignRetiredKeys).values({ campaignId, publicKey: old.publicKey, retiredAt: now, revokedAt: revokeOld ? now : null });
    await db.update(campaigns).set({ signingPrivateKey: fresh.privateKey, signingPublicKey: fresh.publicKey }).where(eq(campaigns.id, campaignId));
    await recordAudit(db, {
      userId: actor.id,
      action: "rotate_key",
      entity: "campaign",
      entityId: campaignId,
      before: { publicKey: old.publicKey },
      after: { publicKey: fresh.publicKey, revokedOld: revokeOld },
    });
    return { oldPublicKey: old.publicKey };
  });
  if (!rotated) return { ok: false, code: "campaignNotFound" };
  if (!revokeOld) return { ok: true, reissued: 0 };
  return { ok: true, reissued: await reissueAudited(db, actor, campaignId, rotated.oldPublicKey) };
}

/** Re-signs the letters of a revoked key and records how many. */
async function reissueAudited(db: Db, actor: SessionUser, campaignId: number, revokedPublicKey: string): Promise<number> {
  const reissued = await reissueSignedBy(db, campaignId, [revokedPublicKey]);
  await transaction(db, (tx) =>
    recordAudit(tx, {
      userId: actor.id,
      action: "reissue_after_key_revocation",
      entity: "campaign",
      entityId: campaignId,
      after: { publicKey: revokedPublicKey, reissued },
    }),
  );
  return reissued;
}

/** Revokes a key retired earlier: tokens it signed stop verifying and their invitations get new tokens. */
export async function revokeRetiredKey(db: Db, actor: SessionUser, campaignId: number, retiredKeyId: number, now: Date = new Date()): Promise<KeyResult> {
  if (!isRootAdmin(actor)) return { ok: false, code: "forbidden" };
  const key = await transaction(db, async (db) => {
    const row = await firstRow(
      db
        .select()
        .from(campaignRetiredKeys)
        .where(and(eq(campaignRetiredKeys.id, retiredKeyId), eq(campaignRetiredKeys.campaignId, campaignId), isNull(campaignRetiredKeys.revokedAt))),
    );
    if (!row) return null;
    await db.update(campaignRetiredKeys).set({ revokedAt: now }).where(eq(campaignRetiredKeys.id, row.id));
    await recordAudit(db, { userId: actor.id, action: "revoke_key", entity: "campaign", entityId: campaignId, after: { publicKey: row.publicKey } });
    return row;
  });
  if (!key) return { ok: false, code: "keyNotFound" };
  return { ok: true, reissued: await reissueAudited(db, actor, campaignId, key.publicKey) };
}

/** The campaign's retired keys, newest first, for the edit page (public keys only). */
export async function listRetiredKeys(db: Db, campaignId: number) {
  return await db
    .select({
      id: campaignRetiredKeys.id,
      publicKey: campaignRetiredKeys.publicKey,
      retiredAt: campaignRetiredKeys.retiredAt,
      revokedAt: campaignRetiredKeys.revokedAt,
    })
    .from(campaignRetiredKeys)
    .where(eq(campaignRetiredKeys.campaignId, campaignId))
    .orderBy(desc(campaignRetiredKeys.retiredAt), desc(campaignRetiredKeys.id));
}
