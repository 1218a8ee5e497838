/**
 * Signing-key rotation, for a key that may have leaked. The campaign gets a
 * new key pair; the old public key is kept in campaign_retired_keys so that
 * letters already handed out still verify until they are reissued. When the
 * old key is revoked (or a retired one later), tokens signed with it stop
 * verifying everywhere (verificationKeys leaves it out), and the invitations
 * that still carry such a token get a new one at once (a new token version,
 * signed with the new key): their letters must be printed again.
 */
import { and, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { immediateTransaction, type Db } from "@/db/client";
import { campaignRetiredKeys, campaigns, conferences, invitations } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { ensureCampaignKeys } from "@/lib/invitations/campaign-keys";
import { generateCampaignKeys, signToken, verifyToken } from "@/lib/tokens/qr-token";
import { isRootAdmin } from "./manage-campaigns";

export type KeyResult = { ok: true; reissued: number } | { ok: false; code: "forbidden" | "campaignNotFound" | "keyNotFound" };

/** Gives a new token to each issued invitation of the campaign whose token one of these keys signed. */
function reissueSignedBy(db: Db, campaignId: number, publicKeys: string[], privateKey: string): number {
  if (publicKeys.length === 0) return 0;
  const rows = db
    .select({ id: invitations.id, conferenceId: invitations.conferenceId, tokenVersion: invitations.tokenVersion, token: invitations.token })
    .from(invitations)
    .innerJoin(conferences, eq(conferences.id, invitations.conferenceId))
    .where(and(eq(conferences.campaignId, campaignId), eq(invitations.status, "issued"), isNotNull(invitations.token)))
    .all();
  const update = db.$client.prepare("update invitations set token_version = ?, token = ?, issued_at = ? where id = ?");
  const now = Date.now();
  let reissued = 0;
  for (const inv of rows) {
    if (!publicKeys.some((key) => verifyToken(inv.token!, key).ok)) continue;
    const tokenVersion = inv.tokenVersion + 1;
    update.run(tokenVersion, signToken({ invitationId: inv.id, conferenceId: inv.conferenceId, tokenVersion }, privateKey), now, inv.id);
    reissued++;
  }
  return reissued;
}

/**
 * A new signing key for the campaign. The old public key is retired (tokens it
 * signed still verify), or revoked with `revokeOld` (they no longer do, and the
 * invitations carrying them get new tokens).
 */
export function rotateCampaignKey(db: Db, actor: SessionUser, campaignId: number, { revokeOld = false }: { revokeOld?: boolean } = {}, now: Date = new Date()): KeyResult {
  if (!isRootAdmin(actor)) return { ok: false, code: "forbidden" };
  return immediateTransaction(db, (): KeyResult => {
    if (!db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, campaignId)).get()) return { ok: false, code: "campaignNotFound" };
    const old = ensureCampaignKeys(db, campaignId);
    const fresh = generateCampaignKeys();
    db.insert(campaignRetiredKeys)
      .values({ campaignId, publicKey: old.publicKey, retiredAt: now, revokedAt: revokeOld ? now : null })
      .run();
    db.update(campaigns).set({ signingPrivateKey: fresh.privateKey, signingPublicKey: fresh.publicKey }).where(eq(campaigns.id, campaignId)).run();
    const reissued = revokeOld ? reissueSignedBy(db, campaignId, [old.publicKey], fresh.privateKey) : 0;
    recordAudit(db, { userId: actor.id, action: "rotate_key", entity: "campaign", entityId: campaignId, before: { publicKey: old.publicKey }, after: { publicKey: fresh.publicKey, revokedOld: revokeOld, reissued } });
    return { ok: true, reissued };
  });
}

/** Revokes a key retired earlier: tokens it signed stop verifying and their invitations get new tokens. */
export function revokeRetiredKey(db: Db, actor: SessionUser, campaignId: number, retiredKeyId: number, now: Date = new Date()): KeyResult {
  if (!isRootAdmin(actor)) return { ok: false, code: "forbidden" };
  return immediateTransaction(db, (): KeyResult => {
    const key = db
      .select()
      .from(campaignRetiredKeys)
      .where(and(eq(campaignRetiredKeys.id, retiredKeyId), eq(campaignRetiredKeys.campaignId, campaignId), isNull(campaignRetiredKeys.revokedAt)))
      .get();
    if (!key) return { ok: false, code: "keyNotFound" };
    db.update(campaignRetiredKeys).set({ revokedAt: now }).where(eq(campaignRetiredKeys.id, key.id)).run();
    const current = ensureCampaignKeys(db, campaignId);
    const reissued = reissueSignedBy(db, campaignId, [key.publicKey], current.privateKey);
    recordAudit(db, { userId: actor.id, action: "revoke_key", entity: "campaign", entityId: campaignId, after: { publicKey: key.publicKey, reissued } });
    return { ok: true, reissued };
  });
}

/** The campaign's retired keys, newest first, for the edit page (public keys only). */
export function listRetiredKeys(db: Db, campaignId: number) {
  return db
    .select({ id: campaignRetiredKeys.id, publicKey: campaignRetiredKeys.publicKey, retiredAt: campaignRetiredKeys.retiredAt, revokedAt: campaignRetiredKeys.revokedAt })
    .from(campaignRetiredKeys)
    .where(eq(campaignRetiredKeys.campaignId, campaignId))
    .orderBy(desc(campaignRetiredKeys.retiredAt), desc(campaignRetiredKeys.id))
    .all();
}
