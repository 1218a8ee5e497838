import { firstRow } from "@/db/client";
/**
 * Key rotation: a token signed before a rotation still verifies after it (on
 * the server and on the door device's offline roster), until its key is
 * revoked; tokens signed after it verify with the new key.
 */
import { asc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, campaignRetiredKeys, campaigns, conferences, invitations, sites, users } from "@/db/schema";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { createDeviceJudge } from "@/lib/checkin/shared/device-judge";
import { buildOfflineRoster } from "@/lib/checkin/offline-roster";
import { judgeScan } from "@/lib/checkin/record-scan";
import { siteForScan } from "@/lib/checkin/scan-statements";
import { verificationKeys } from "@/lib/invitations/campaign-keys";
import { checkInvitationToken } from "@/lib/invitations/check-token";
import { reissueInvitation } from "@/lib/invitations/manage-invitations";
import { getVerificationData } from "@/lib/invitations/revocation-list";
import { createDemoDb } from "@/lib/testing/test-db";
import { rawPublicKey, verifyToken } from "@/lib/tokens/qr-token";
import { revokeRetiredKey, rotateCampaignKey } from "./rotate-campaign-key";

const SEEDED = new Date("2026-11-28T03:00:00Z"); // during the practice conference
let handle: Awaited<ReturnType<typeof createDemoDb>>;
let admin: SessionUser;
let conferenceId: number;
let campaignId: number;
let siteId: number;
let invitationIds: number[];

const tokenOf = async (id: number) => (await firstRow(handle.db.select({ token: invitations.token }).from(invitations).where(eq(invitations.id, id))))!.token!;
const publicKey = async () => (await firstRow(handle.db.select({ k: campaigns.signingPublicKey }).from(campaigns).where(eq(campaigns.id, campaignId))))!.k!;

/** The verdict on the server (judgeScan), on the door device (offline roster), and of the token check (letters, /api/invitations). */
async function verdicts(token: string) {
  const site = (await siteForScan(handle.db, siteId))!;
  const server = (await judgeScan(handle.db, { token, siteId, deviceId: "may-khoa", nonce: "unused-nonce", scannedAt: SEEDED, method: "camera" }, SEEDED))
    .result.verdict;
  const device = (await createDeviceJudge(await buildOfflineRoster(handle.db, site, SEEDED)).judge({ token, scannedAt: SEEDED.getTime() }, new Map())).verdict;
  return { server, device, check: (await checkInvitationToken(handle.db, token)).verdict };
}

const ACCEPTED = { server: "ok", device: "ok", check: "valid" };

beforeAll(async () => {
  handle = await createDemoDb(SEEDED);
  const row = (await firstRow(handle.db.select().from(users).where(eq(users.username, "admin"))))!;
  admin = (await loadSessionUser(handle.db, row.id, row.sessionVersion))!;
  const practice = (await firstRow(handle.db.select().from(conferences).where(isNull(conferences.requirementId))))!;
  conferenceId = practice.id;
  campaignId = practice.campaignId;
  siteId = (await firstRow(handle.db.select().from(sites).where(eq(sites.conferenceId, practice.id))))!.id;
  invitationIds = (await handle.db.select({ id: invitations.id }).from(invitations).where(eq(invitations.siteId, siteId)).orderBy(asc(invitations.id)))
    .filter((r) => r.id)
    .slice(20, 24)
    .map((r) => r.id);
});
afterAll(() => handle.cleanup());

describe("signing key rotation", () => {
  it("keeps tokens signed before a rotation valid, and signs new tokens with the new key", async () => {
    const before = await tokenOf(invitationIds[0]);
    const oldKey = await publicKey();
    expect(await verdicts(before)).toEqual(ACCEPTED);

    expect(await rotateCampaignKey(handle.db, admin, campaignId, { revokeOld: false }, SEEDED)).toEqual({ ok: true, reissued: 0 });
    const newKey = await publicKey();
    expect(newKey).not.toBe(oldKey);
    expect(verifyToken(before, newKey).ok).toBe(false);
    // The stored token is untouched, and every verifier still accepts it.
    expect(await tokenOf(invitationIds[0])).toBe(before);
    expect(await verdicts(before)).toEqual(ACCEPTED);
    expect((await verificationKeys(handle.db, campaignId)).map((k) => k.publicKey)).toEqual([newKey, oldKey]);
    expect((await getVerificationData(handle.db, conferenceId))!.publicKeysRaw).toEqual([rawPublicKey(newKey), rawPublicKey(oldKey)]);

    // A reissued letter is signed with the new key.
    expect((await reissueInvitation(handle.db, admin, conferenceId, invitationIds[1])).ok).toBe(true);
    const reissued = await tokenOf(invitationIds[1]);
    expect(verifyToken(reissued, newKey).ok).toBe(true);
    expect(await verdicts(reissued)).toEqual(ACCEPTED);
    expect(await handle.db.select().from(auditLog).where(eq(auditLog.action, "rotate_key"))).toHaveLength(1);
  });

  it("refuses tokens of a revoked key everywhere, and gives their invitations new tokens", async () => {
    const oldToken = await tokenOf(invitationIds[2]);
    const retired = (await firstRow(handle.db.select().from(campaignRetiredKeys).where(eq(campaignRetiredKeys.campaignId, campaignId))))!;
    expect(verifyToken(oldToken, retired.publicKey).ok).toBe(true);

    const result = await revokeRetiredKey(handle.db, admin, campaignId, retired.id, SEEDED);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.reissued).toBeGreaterThan(0);
    const fresh = await tokenOf(invitationIds[2]);
    expect(fresh).not.toBe(oldToken);
    const { server, device, check } = await verdicts(oldToken);
    expect(server).toBe("bad_signature");
    expect(device).toBe("bad_signature");
    expect(check).toBe("bad_signature");
    expect(await verdicts(fresh)).toEqual(ACCEPTED);
    expect((await verificationKeys(handle.db, campaignId)).map((k) => k.publicKey)).toEqual([await publicKey()]);
    expect(await revokeRetiredKey(handle.db, admin, campaignId, retired.id)).toEqual({ ok: false, code: "keyNotFound" });
  });

  it("rotating with revokeOld refuses the current tokens at once and reissues them", async () => {
    const current = await tokenOf(invitationIds[3]);
    expect(await verdicts(current)).toEqual(ACCEPTED);
    const result = await rotateCampaignKey(handle.db, admin, campaignId, { revokeOld: true }, SEEDED);
    expect(result.ok && result.reissued).toBeGreaterThan(0);
    expect(await verdicts(current)).toEqual({ server: "bad_signature", device: "bad_signature", check: "bad_signature" });
    expect(await verdicts(await tokenOf(invitationIds[3]))).toEqual(ACCEPTED);
    expect((await handle.db.select().from(campaignRetiredKeys).where(eq(campaignRetiredKeys.campaignId, campaignId))).every((k) => k.revokedAt !== null)).toBe(
      true,
    );
  });

  it("only an admin of the root unit may rotate", async () => {
    const district = { ...admin, scopeUnitIds: [admin.unitId + 1] };
    expect(await rotateCampaignKey(handle.db, district, campaignId)).toEqual({ ok: false, code: "forbidden" });
    expect(await rotateCampaignKey(handle.db, admin, 999_999)).toEqual({ ok: false, code: "campaignNotFound" });
  });
});
