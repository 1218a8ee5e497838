import { and, eq, isNull, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns } from "@/db/schema";
import { generateCampaignKeys, type CampaignKeys } from "@/lib/tokens/qr-token";

function storedKeys(db: Db, campaignId: number): CampaignKeys | null {
  const row = db
    .select({ privateKey: campaigns.signingPrivateKey, publicKey: campaigns.signingPublicKey })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId))
    .get();
  if (!row) throw new Error(`campaign ${campaignId} not found`);
  return row.privateKey && row.publicKey ? { privateKey: row.privateKey, publicKey: row.publicKey } : null;
}

/**
 * The campaign's signing keys, made on first use. The private key never leaves
 * the server. Once stored they are never replaced: tokens already issued stay
 * valid. Two requests (or two processes) making them at once store one pair,
 * and both return it: the write only fills keys that are absent, in an immediate
 * transaction with the read that follows.
 */
export function ensureCampaignKeys(db: Db, campaignId: number): CampaignKeys {
  const existing = storedKeys(db, campaignId);
  if (existing) return existing;
  const fresh = generateCampaignKeys();
  // Also called inside a caller's transaction (issueInvitations): drizzle's own transaction nests as a savepoint.
  return db.transaction(
    (tx) => {
      tx.update(campaigns)
        .set({ signingPrivateKey: fresh.privateKey, signingPublicKey: fresh.publicKey })
        .where(and(eq(campaigns.id, campaignId), or(isNull(campaigns.signingPrivateKey), isNull(campaigns.signingPublicKey))))
        .run();
      return storedKeys(tx as unknown as Db, campaignId)!;
    },
    { behavior: "immediate" },
  );
}
