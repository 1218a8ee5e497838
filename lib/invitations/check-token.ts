/**
 * What a scanned or opened token means, on the server: the signature with the
 * campaign's public key (or a key it signed with before a rotation, unless revoked), then the invitation's state (revoked, or an older
 * token after a reissue). The door device runs the same rules offline (docs/decisions/0009).
 */
import { eq } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { conferences, invitations } from "@/db/schema";
import { parseToken, verifyToken } from "@/lib/tokens/qr-token";
import { verificationKeys } from "./campaign-keys";

export type TokenVerdict = "valid" | "revoked" | "unknown" | "bad_signature";

export async function checkInvitationToken(db: Db, token: string): Promise<{ verdict: TokenVerdict; invitationId?: number; conferenceId?: number }> {
  const parsed = parseToken(token);
  if (!parsed.ok) return { verdict: "unknown" };
  const { conferenceId, invitationId, tokenVersion } = parsed.payload;
  const conference = await firstRow(db.select({ campaignId: conferences.campaignId }).from(conferences).where(eq(conferences.id, conferenceId)));
  if (!conference) return { verdict: "unknown" };
  const keys = await verificationKeys(db, conference.campaignId);
  if (keys.length === 0) return { verdict: "unknown" };
  if (!keys.some((key) => verifyToken(token, key.publicKey).ok)) return { verdict: "bad_signature" };
  const inv = await firstRow(db.select().from(invitations).where(eq(invitations.id, invitationId)));
  if (!inv || inv.conferenceId !== conferenceId || inv.status === "draft") return { verdict: "unknown" };
  if (inv.status === "revoked" || inv.tokenVersion !== tokenVersion) return { verdict: "revoked", invitationId, conferenceId };
  return { verdict: "valid", invitationId, conferenceId };
}
