import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns } from "@/db/schema";
import { generateCampaignKeys, type CampaignKeys } from "@/lib/tokens/qr-token";

/** The campaign's signing keys, made on first use. The private key never leaves the server. */
export function ensureCampaignKeys(db: Db, campaignId: number): CampaignKeys {
  const row = db
    .select({ privateKey: campaigns.signingPrivateKey, publicKey: campaigns.signingPublicKey })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId))
    .get();
  if (!row) throw new Error(`campaign ${campaignId} not found`);
  if (row.privateKey && row.publicKey) return { privateKey: row.privateKey, publicKey: row.publicKey };
  const keys = generateCampaignKeys();
  db.update(campaigns).set({ signingPrivateKey: keys.privateKey, signingPublicKey: keys.publicKey }).where(eq(campaigns.id, campaignId)).run();
  return keys;
}
