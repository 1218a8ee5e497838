import { and, eq, gt, or } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { campaigns, conferences, invitations } from "@/db/schema";
import { rawPublicKey } from "@/lib/tokens/qr-token";
import { ensureCampaignKeys, verificationKeys } from "./campaign-keys";

/**
 * What a door device needs to judge tokens offline: the campaign's public key(s)
 * and the conference's revocation list (revoked invitations, and reissued ones
 * with the only token version still valid). The caller has checked scope.
 */
export async function getVerificationData(db: Db, conferenceId: number) {
  const conference = await firstRow(db.select({ campaignId: conferences.campaignId }).from(conferences).where(eq(conferences.id, conferenceId)));
  if (!conference) return null;
  const keys = await ensureCampaignKeys(db, conference.campaignId);
  const campaign = (await firstRow(db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, conference.campaignId))))!;
  const revoked = await db
    .select({ invitationId: invitations.id, status: invitations.status, tokenVersion: invitations.tokenVersion })
    .from(invitations)
    .where(and(eq(invitations.conferenceId, conferenceId), or(eq(invitations.status, "revoked"), gt(invitations.tokenVersion, 1))));
  return {
    campaignId: campaign.id,
    algorithm: "Ed25519" as const,
    publicKeySpki: keys.publicKey,
    publicKeyRaw: rawPublicKey(keys.publicKey),
    /** Every key a valid token may be signed with: the current one first, then keys retired by a rotation (never revoked ones). */
    publicKeysRaw: (await verificationKeys(db, campaign.id)).map((k) => rawPublicKey(k.publicKey)),
    revoked: revoked.filter((r) => r.status === "revoked").map((r) => r.invitationId),
    /** Reissued invitations: any token version but this one is revoked. */
    validVersions: Object.fromEntries(revoked.filter((r) => r.status !== "revoked").map((r) => [r.invitationId, r.tokenVersion])),
  };
}
