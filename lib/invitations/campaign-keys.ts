import { and, desc, eq, isNotNull, isNull, or } from "drizzle-orm";
import { firstRow, transaction, type Db, type Tx } from "@/db/client";
import { campaignRetiredKeys, campaigns } from "@/db/schema";
import { generateCampaignKeys, type CampaignKeys } from "@/lib/tokens/qr-token";

async function storedKeys(db: Db, campaignId: number): Promise<CampaignKeys | null> {
  const row = await firstRow(
    db.select({ privateKey: campaigns.signingPrivateKey, publicKey: campaigns.signingPublicKey }).from(campaigns).where(eq(campaigns.id, campaignId)),
  );
  if (!row) throw new Error(`campaign ${campaignId} not found`);
  return row.privateKey && row.publicKey ? { privateKey: row.privateKey, publicKey: row.publicKey } : null;
}

/**
 * The campaign's signing keys, made on first use. The private key never leaves
 * the server. They are replaced only by a rotation (lib/campaigns/rotate-campaign-key.ts),
 * which keeps the old public key so that tokens already issued stay valid. Two requests (or two processes) making them at once store one pair,
 * and both return it: the write only fills keys that are absent, in an immediate
 * transaction with the read that follows.
 */
export async function ensureCampaignKeys(db: Db, campaignId: number): Promise<CampaignKeys> {
  const existing = await storedKeys(db, campaignId);
  if (existing) return existing;
  const fresh = generateCampaignKeys();
  // Also called inside a caller's transaction (issueInvitations): drizzle's own transaction nests as a savepoint.
  return await transaction(db, async (tx) => {
    await tx
      .update(campaigns)
      .set({ signingPrivateKey: fresh.privateKey, signingPublicKey: fresh.publicKey })
      .where(and(eq(campaigns.id, campaignId), or(isNull(campaigns.signingPrivateKey), isNull(campaigns.signingPublicKey))));
    return (await storedKeys(tx, campaignId))!;
  });
}

/**
 * The public keys a token may be signed with: each campaign's current key and
 * the keys it signed with before a rotation, unless revoked (a compromised
 * key). Every verifier takes this list: the server's scan and token checks,
 * and the door device's offline roster. Limited to one campaign when given.
 */
export async function verificationKeys(db: Db | Tx, campaignId?: number): Promise<{ campaignId: number; publicKey: string }[]> {
  const current = (await db
    .select({ campaignId: campaigns.id, publicKey: campaigns.signingPublicKey })
    .from(campaigns)
    .where(and(isNotNull(campaigns.signingPublicKey), campaignId === undefined ? undefined : eq(campaigns.id, campaignId)))) as {
    campaignId: number;
    publicKey: string;
  }[];
  const retired = await db
    .select({ campaignId: campaignRetiredKeys.campaignId, publicKey: campaignRetiredKeys.publicKey })
    .from(campaignRetiredKeys)
    .where(and(isNull(campaignRetiredKeys.revokedAt), campaignId === undefined ? undefined : eq(campaignRetiredKeys.campaignId, campaignId)))
    .orderBy(desc(campaignRetiredKeys.retiredAt));
  return [...current, ...retired];
}
