import { firstRow } from "@/db/client";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, bodies, conferences, invitations, people, sites, units, users } from "@/db/schema";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { saveConference } from "@/lib/conferences/save-conference";
import { conferenceFormSchema } from "@/lib/schemas/conferences";
import { createDemoDb } from "@/lib/testing/test-db";
import { checkInvitationToken } from "./check-token";
import { listInvitations } from "./list-invitations";
import {
  addInvitees,
  addInviteesByFilter,
  issueInvitations,
  reissueInvitation,
  removeDraftInvitations,
  restoreInvitation,
  revokeInvitation,
  setSubstitute,
} from "./manage-invitations";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
let conferenceId: number;
let siteId: number;
const as = async (username: string): Promise<SessionUser> => {
  const row = (await firstRow(handle.db.select().from(users).where(eq(users.username, username))))!;
  return (await loadSessionUser(handle.db, row.id, row.sessionVersion))!;
};
const unitId = async (code: string) => (await firstRow(handle.db.select().from(units).where(eq(units.code, code))))!.id;
const bodyOf = async (code: string, kind: string) =>
  (await firstRow(
    handle.db
      .select()
      .from(bodies)
      .where(and(eq(bodies.unitId, await unitId(code)), eq(bodies.kind, kind))),
  ))!.id;

beforeAll(async () => {
  handle = await createDemoDb();
  const campaignId = (await firstRow(handle.db.select().from(conferences)))!.campaignId;
  const saved = await saveConference(
    handle.db,
    await as("tochuc.bato"),
    conferenceFormSchema.parse({
      campaignId: String(campaignId),
      bodyId: String(await bodyOf("535", "propaganda")),
      title: "Hội nghị chuyên đề thử giấy mời",
      startDate: "20/03/2021",
      startTime: "07:30",
      endDate: "20/03/2021",
      endTime: "11:30",
      graceMinutes: "15",
      status: "scheduled",
      venue: "Nhà Văn hóa Ba Tơ",
      capacity: "",
      confirmWarnings: "1",
    }),
  );
  conferenceId = (saved as { id: number }).id;
  siteId = (await firstRow(handle.db.select().from(sites).where(eq(sites.conferenceId, conferenceId))))!.id;
});
afterAll(() => handle.cleanup());

describe("invitee lists and invitations", () => {
  it("adds people by filters from the conference's own units only, without duplicates", async () => {
    const organizer = await as("tochuc.bato");
    const result = await addInviteesByFilter(handle.db, organizer, conferenceId, { category: "bao_cao_vien" }, siteId);
    expect(result.ok && result.count).toBeGreaterThan(10);
    expect(await addInviteesByFilter(handle.db, organizer, conferenceId, { category: "bao_cao_vien" }, siteId)).toEqual({ ok: true, count: 0 });
    const lySonPerson = (await firstRow(
      handle.db
        .select()
        .from(people)
        .where(eq(people.unitId, await unitId("536"))),
    ))!;
    expect(await addInvitees(handle.db, organizer, conferenceId, [lySonPerson.id], siteId)).toEqual({ ok: true, count: 0 });
  });

  it("refuses another body's organiser and a viewer", async () => {
    const anyPerson = (await firstRow(
      handle.db
        .select()
        .from(people)
        .where(eq(people.unitId, await unitId("535"))),
    ))!;
    expect(await addInvitees(handle.db, await as("baocao.bato"), conferenceId, [anyPerson.id], siteId)).toEqual({ ok: false, code: "notFound" });
    const draft = (await listInvitations(handle.db, await as("tochuc.bato"), conferenceId))[0];
    expect(await removeDraftInvitations(handle.db, await as("baocao.bato"), conferenceId, [draft.id])).toEqual({ ok: false, code: "notFound" });
  });

  it("issues drafts with one letter number in the body's sequence and a valid token each", async () => {
    const result = await issueInvitations(handle.db, await as("tochuc.bato"), conferenceId);
    expect(result.ok && result.count).toBeGreaterThan(10);
    const rows = await listInvitations(handle.db, await as("tochuc.bato"), conferenceId);
    const numbers = new Set(rows.map((r) => r.letterNumber));
    // The demo's letter for Ba Tơ's Propaganda Board was number 1; this is the second.
    expect([...numbers]).toEqual(["2-GM/BTGHU"]);
    for (const row of rows.slice(0, 5)) {
      expect(row.status).toBe("issued");
      expect(await checkInvitationToken(handle.db, row.token!)).toMatchObject({ verdict: "valid", invitationId: row.id, conferenceId });
    }
  });

  it("reports a revoked token as revoked, and an old token after a reissue as revoked", async () => {
    const organizer = await as("tochuc.bato");
    const [first, second] = await listInvitations(handle.db, await as("tochuc.bato"), conferenceId);
    expect((await revokeInvitation(handle.db, organizer, conferenceId, first.id, "Gửi nhầm người")).ok).toBe(true);
    expect((await checkInvitationToken(handle.db, first.token!)).verdict).toBe("revoked");

    expect((await reissueInvitation(handle.db, organizer, conferenceId, second.id)).ok).toBe(true);
    const fresh = (await firstRow(handle.db.select().from(invitations).where(eq(invitations.id, second.id))))!;
    expect(fresh.token).not.toBe(second.token);
    expect((await checkInvitationToken(handle.db, second.token!)).verdict).toBe("revoked");
    expect((await checkInvitationToken(handle.db, fresh.token!)).verdict).toBe("valid");
  });

  it("keeps the reason of a revoke, shows it on the list, and restores the same QR until the letter is reissued", async () => {
    const organizer = await as("tochuc.bato");
    const row = (await listInvitations(handle.db, organizer, conferenceId))[5];
    expect(await restoreInvitation(handle.db, organizer, conferenceId, row.id)).toEqual({ ok: false, code: "notRevoked" });
    expect(await revokeInvitation(handle.db, organizer, conferenceId, row.id, "Đồng chí đã chuyển công tác")).toEqual({ ok: true, count: 1 });
    const listed = (await listInvitations(handle.db, organizer, conferenceId)).find((r) => r.id === row.id)!;
    expect(listed).toMatchObject({ status: "revoked", revokeReason: "Đồng chí đã chuyển công tác", revokedByName: organizer.fullName });
    expect((await checkInvitationToken(handle.db, row.token!)).verdict).toBe("revoked");
    // Another body's organiser and a viewer cannot restore it.
    expect(await restoreInvitation(handle.db, await as("baocao.bato"), conferenceId, row.id)).toEqual({ ok: false, code: "invitationNotInConference" });
    expect(await restoreInvitation(handle.db, organizer, conferenceId, row.id)).toEqual({ ok: true, count: 1 });
    expect(await firstRow(handle.db.select().from(invitations).where(eq(invitations.id, row.id)))).toMatchObject({
      status: "issued",
      token: row.token,
      revokeReason: null,
      revokedAt: null,
      revokedBy: null,
    });
    expect((await checkInvitationToken(handle.db, row.token!)).verdict).toBe("valid");
    const audit = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "invitation"), eq(auditLog.entityId, String(row.id))));
    expect(audit.map((a) => a.action)).toEqual(["revoke", "restore"]);
    expect(audit[0].after).toEqual({ status: "revoked", reason: "Đồng chí đã chuyển công tác" });
    // Reissued after a revoke: a new QR, the old one is gone for good (nothing left to restore).
    await revokeInvitation(handle.db, organizer, conferenceId, row.id, "Mất giấy mời");
    expect((await reissueInvitation(handle.db, organizer, conferenceId, row.id)).ok).toBe(true);
    expect(await restoreInvitation(handle.db, organizer, conferenceId, row.id)).toEqual({ ok: false, code: "notRevoked" });
    expect(await firstRow(handle.db.select().from(invitations).where(eq(invitations.id, row.id)))).toMatchObject({ status: "issued", revokeReason: null });
    expect((await checkInvitationToken(handle.db, row.token!)).verdict).toBe("revoked");
  });

  it("reports forged and unknown tokens", async () => {
    const row = (await listInvitations(handle.db, await as("tochuc.bato"), conferenceId))[3];
    const forged = `${row.token!.slice(0, 60)}${row.token![60] === "A" ? "B" : "A"}${row.token!.slice(61)}`;
    expect(["bad_signature", "unknown"]).toContain((await checkInvitationToken(handle.db, forged)).verdict);
    expect((await checkInvitationToken(handle.db, "KHONGPHAIMA")).verdict).toBe("unknown");
  });

  it("records a substitute, and removes only drafts", async () => {
    const organizer = await as("tochuc.bato");
    const row = (await listInvitations(handle.db, await as("tochuc.bato"), conferenceId))[4];
    expect((await setSubstitute(handle.db, organizer, conferenceId, row.id, "Nguyễn Văn Thay", "Phó Trưởng ban")).ok).toBe(true);
    expect(await firstRow(handle.db.select().from(invitations).where(eq(invitations.id, row.id)))).toMatchObject({ substituteName: "Nguyễn Văn Thay" });
    expect(await removeDraftInvitations(handle.db, organizer, conferenceId, [row.id])).toEqual({ ok: false, code: "removeIssued" });
    const before = (await firstRow(handle.db.select({ n: count() }).from(invitations).where(eq(invitations.conferenceId, conferenceId))))!.n;
    expect(before).toBeGreaterThan(0);
  });

  it("gives every seeded invitation a token that verifies", async () => {
    const sample = await handle.db.select().from(invitations).where(eq(invitations.status, "issued")).limit(20);
    for (const inv of sample) if (inv.kind === "invited") expect((await checkInvitationToken(handle.db, inv.token!)).verdict).toBe("valid");
  });
});

describe("verification data for door devices", () => {
  it("gives the public key and the revocation list, never the private key", async () => {
    const { getVerificationData } = await import("./revocation-list");
    const data = (await getVerificationData(handle.db, conferenceId))!;
    expect(Buffer.from(data.publicKeyRaw, "base64")).toHaveLength(32);
    expect(JSON.stringify(data)).not.toContain((await firstRow(handle.db.select().from((await import("@/db/schema")).campaigns)))!.signingPrivateKey!);
    const rows = await listInvitations(handle.db, await as("tochuc.bato"), conferenceId);
    expect(data.revoked).toEqual(rows.filter((r) => r.status === "revoked").map((r) => r.id));
    // Reissued: the second (above) and the sixth (revoked, reissued).
    expect(
      Object.keys(data.validVersions)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([rows[1].id, rows[5].id].sort((a, b) => a - b));
  });
});
