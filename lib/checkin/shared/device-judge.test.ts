import { returnedRow, firstRow, writerForSetup } from "@/db/client";
/**
 * The door device and the server give the same verdict for the same scan:
 * the server judges from the database (judgeScan), the device from the roster
 * it downloaded (buildOfflineRoster → createDeviceJudge, WebCrypto Ed25519).
 * One table of cases, forged and revoked tokens among them.
 */
import { asc, eq, isNull, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodies, campaigns, conferences, invitations, sites, units, users } from "@/db/schema";
import { loadSessionUser } from "@/lib/auth/session-user";
import { ensureCampaignKeys } from "@/lib/invitations/campaign-keys";
import { reissueInvitation, revokeInvitation } from "@/lib/invitations/manage-invitations";
import { createDemoDb } from "@/lib/testing/test-db";
import { typeTelex, typeVni } from "@/lib/testing/ime-simulator";
import { normalizeToken } from "@/lib/tokens/normalize-token";
import { generateCampaignKeys, signToken } from "@/lib/tokens/qr-token";
import { createDeviceJudge } from "./device-judge";
import { buildOfflineRoster } from "../offline-roster";
import { judgeScan, recordScan, type ScanResult } from "../record-scan";
import { siteForScan } from "../scan-statements";

const SEEDED = new Date("2026-11-28T03:00:00Z"); // 10:00 in Vietnam, during the practice conference
let handle: Awaited<ReturnType<typeof createDemoDb>>;
let siteId: number;
let conferenceId: number;
let startsAt: number;
let rows: { id: number; token: string }[];

/** The parts of a verdict both sides must agree on. */
function essence(r: ScanResult) {
  return {
    verdict: r.verdict,
    invitationId: r.invitationId ?? null,
    isLate: r.checkIn?.isLate ?? null,
    name: r.attendee?.name ?? null,
    expectedSite: r.expectedSite ?? null,
    first: r.firstCheckIn ?? null,
    window: r.window ?? null,
  };
}

async function bothSides(scan: { token?: string; invitationId?: number }, at = SEEDED) {
  const site = (await siteForScan(handle.db, siteId))!;
  const server = (await judgeScan(handle.db, { ...scan, siteId, deviceId: "may-test", nonce: "unused-nonce", scannedAt: at, method: "camera" }, at)).result;
  const device = await createDeviceJudge(await buildOfflineRoster(handle.db, site, at)).judge({ ...scan, scannedAt: at.getTime() }, new Map());
  return { server: essence(server), device: essence(device) };
}

beforeAll(async () => {
  handle = await createDemoDb(SEEDED);
  const db = handle.db;
  const practice = (await firstRow(db.select().from(conferences).where(isNull(conferences.requirementId))))!;
  conferenceId = practice.id;
  startsAt = practice.startsAt.getTime();
  siteId = (await firstRow(db.select().from(sites).where(eq(sites.conferenceId, practice.id))))!.id;
  rows = (await db
    .select({ id: invitations.id, token: invitations.token })
    .from(invitations)
    .where(eq(invitations.conferenceId, practice.id))
    .orderBy(asc(invitations.id))) as typeof rows;
  const admin = (await loadSessionUser(db, (await firstRow(db.select().from(users).where(eq(users.username, "admin"))))!.id, 1))!;
  const scanner = (await firstRow(db.select().from(users).where(eq(users.username, "diemdanh"))))!.id;
  // [1] checked in already, on another device; [2] revoked; [3] reissued (its old token kept below);
  // [4] moved to a second bridge point; [5] back to draft.
  await recordScan(db, scanner, { token: rows[1].token, siteId, deviceId: "may-khac", nonce: "seed-nonce-0001", scannedAt: SEEDED, method: "camera" }, SEEDED);
  await revokeInvitation(db, admin, conferenceId, rows[2].id, "Gửi nhầm người");
  oldToken = rows[3].token;
  await reissueInvitation(db, admin, conferenceId, rows[3].id);
  const bridge = await returnedRow(
    writerForSetup(db).insert(sites).values({ conferenceId: practice.id, unitId: practice.unitId, venue: "Điểm cầu thử", isMain: false }).returning(),
  );
  await writerForSetup(db).update(invitations).set({ siteId: bridge.id }).where(eq(invitations.id, rows[4].id));
  await writerForSetup(db).update(invitations).set({ status: "draft" }).where(eq(invitations.id, rows[5].id));
});
afterAll(() => handle.cleanup());
let oldToken: string;

describe("device and server verdicts", () => {
  const flip = (token: string, at: number) => `${token.slice(0, at)}${token[at] === "A" ? "B" : "A"}${token.slice(at + 1)}`;

  const cases: [string, () => { token?: string; invitationId?: number } | Promise<{ token?: string; invitationId?: number }>, string, (() => Date)?][] = [
    ["a valid letter", () => ({ token: rows[0].token }), "ok"],
    ["a valid letter, at the start (on time)", () => ({ token: rows[6].token }), "ok", () => new Date(startsAt)],
    ["a letter already checked in elsewhere", () => ({ token: rows[1].token }), "duplicate"],
    ["a revoked letter", () => ({ token: rows[2].token }), "revoked"],
    ["the old letter of a reissued invitation", () => ({ token: oldToken }), "revoked"],
    [
      "the new letter of a reissued invitation",
      async () => ({ token: (await firstRow(handle.db.select().from(invitations).where(eq(invitations.id, rows[3].id))))!.token! }),
      "ok",
    ],
    ["a letter for another bridge point", () => ({ token: rows[4].token }), "wrong_site"],
    ["a letter taken back to draft", () => ({ token: rows[5].token }), "unknown"],
    ["a forged signature (one character changed at the end)", () => ({ token: flip(rows[0].token, 110) }), "bad_signature"],
    ["a forged invitation id (payload changed)", () => ({ token: flip(rows[0].token, 3) }), "bad_signature"],
    [
      "a token signed with a stranger's key",
      () => ({ token: signToken({ invitationId: rows[0].id, conferenceId, tokenVersion: 1 }, generateCampaignKeys().privateKey) }),
      "bad_signature",
    ],
    ["a letter of another conference of the campaign", async () => ({ token: await otherConferenceToken() }), "wrong_conference"],
    ["a letter signed by another campaign's key", async () => ({ token: await otherCampaignToken() }), "wrong_conference"],
    ["garbage", () => ({ token: "<script>alert(1)</script>" }), "unknown"],
    ["a cut token", () => ({ token: rows[0].token.slice(0, 100) }), "unknown"],
    ["a lowercase token (Caps Lock on the scanner)", () => ({ token: rows[0].token.toLowerCase() }), "ok"],
    ["a token with spaces and a zero-width space", () => ({ token: ` ${rows[0].token.slice(0, 60)}\u200b ${rows[0].token.slice(60)}\n` }), "ok"],
    ["a letter typed through a Telex input method", () => ({ token: telexTyped() }), "ok"],
    ["an empty scan", () => ({ token: "" }), "unknown"],
    ["a valid letter before the door opens", () => ({ token: rows[7].token }), "not_open", () => new Date(startsAt - 3 * 3_600_000)],
    ["a valid letter after the door closes", () => ({ token: rows[7].token }), "not_open", () => new Date(startsAt + 24 * 3_600_000)],
    ["a guest chosen by hand", () => ({ invitationId: rows[8].id }), "ok"],
    ["a revoked guest chosen by hand", () => ({ invitationId: rows[2].id }), "revoked"],
    ["an invitation of another conference chosen by hand", async () => ({ invitationId: (await otherConferenceInvitation()).id }), "unknown"],
    ["an invitation id that does not exist", () => ({ invitationId: 99_999_999 }), "unknown"],
  ];

  for (const [name, scan, verdict, at] of cases) {
    it(`${name}: ${verdict} on both`, async () => {
      const { server, device } = await bothSides(await scan(), at?.());
      expect(server.verdict).toBe(verdict);
      if (verdict === "wrong_site") {
        // The device holds its own site's invitees only (docs/decisions/0015): it knows the letter
        // is authentic and not one of its own, not whose it is or where it belongs.
        expect(server).toMatchObject({ expectedSite: expect.any(Object) });
        expect(device).toMatchObject({ verdict: "wrong_site", expectedSite: null, name: null });
      } else {
        expect(device).toEqual(server);
      }
    });
  }

  it("every Telex or VNI rewrite of the letters reads as the right invitation, or unknown, on both", async () => {
    const styles = [
      (t: string) => typeTelex(t, { spellCheck: true }),
      (t: string) => typeVni(t.toLowerCase(), { spellCheck: true }),
      (t: string) => typeTelex(t),
      (t: string) => typeVni(t),
    ];
    let read = 0;
    let refused = 0;
    for (const row of rows.slice(10, 40)) {
      for (const type of styles) {
        const { server, device } = await bothSides({ token: type(row.token) });
        expect(device).toEqual(server);
        if (server.invitationId === null) {
          expect(server.verdict).toBe("unknown");
          refused++;
        } else {
          expect(server.invitationId).toBe(row.id);
          read++;
        }
      }
    }
    expect(read).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it("a cancelled conference: not_open on both", async () => {
    await writerForSetup(handle.db).update(conferences).set({ status: "cancelled", cancelReason: "Hoãn do mưa bão" }).where(eq(conferences.id, conferenceId));
    try {
      const { server, device } = await bothSides({ token: rows[9].token });
      expect(server.verdict).toBe("not_open");
      expect(device).toEqual(server);
    } finally {
      await writerForSetup(handle.db).update(conferences).set({ status: "in_progress", cancelReason: null }).where(eq(conferences.id, conferenceId));
    }
  });

  it("the device also counts the check-ins it made itself since the download, naming its own cadre", async () => {
    const site = (await siteForScan(handle.db, siteId))!;
    const judge = createDeviceJudge(await buildOfflineRoster(handle.db, site, SEEDED));
    const seen = new Map([[rows[10].id, { scannedAt: SEEDED.getTime() - 60_000, deviceId: "may-nay", siteId, scannerName: "Cán bộ trên máy này" }]]);
    const result = await judge.judge({ token: rows[10].token, scannedAt: SEEDED.getTime() }, seen);
    expect(result).toMatchObject({ verdict: "duplicate", firstCheckIn: { deviceId: "may-nay", siteVenue: site.venue, scannerName: "Cán bộ trên máy này" } });
  });

  // Verdicts that explain themselves, the same offline (docs/decisions/0025).
  it("a duplicate names who scanned first (the cadre, not only the device), on both", async () => {
    const { server, device } = await bothSides({ token: rows[1].token });
    expect(server.first).toMatchObject({ deviceId: "may-khac", scannerName: "Cán bộ điểm danh Hội trường Tỉnh ủy", siteVenue: "Hội trường Tỉnh ủy" });
    expect(device).toEqual(server);
  });

  it("a closed door says why, on both: not yet open, over, cancelled", async () => {
    const before = await bothSides({ token: rows[7].token }, new Date(startsAt - 3 * 3_600_000));
    const after = await bothSides({ token: rows[7].token }, new Date(startsAt + 24 * 3_600_000));
    expect([before.server.window?.reason, after.server.window?.reason]).toEqual(["not_yet", "over"]);
    expect([before.device, after.device]).toEqual([before.server, after.server]);
    await writerForSetup(handle.db).update(conferences).set({ status: "cancelled", cancelReason: "Hoãn" }).where(eq(conferences.id, conferenceId));
    try {
      const cancelled = await bothSides({ token: rows[7].token });
      expect(cancelled.server.window?.reason).toBe("cancelled");
      expect(cancelled.device).toEqual(cancelled.server);
    } finally {
      await writerForSetup(handle.db).update(conferences).set({ status: "in_progress", cancelReason: null }).where(eq(conferences.id, conferenceId));
    }
  });

  it("a letter for another conference that this site's invitee is also invited to: its time, unit and venue, on both", async () => {
    const db = handle.db;
    const practice = (await firstRow(db.select().from(conferences).where(eq(conferences.id, conferenceId))))!;
    const baTo = (await firstRow(db.select().from(units).where(eq(units.code, "535"))))!;
    const body = (await firstRow(db.select().from(bodies).where(eq(bodies.unitId, baTo.id))))!;
    const tomorrow = await returnedRow(
      writerForSetup(db)
        .insert(conferences)
        .values({
          campaignId: practice.campaignId,
          unitId: baTo.id,
          bodyId: body.id,
          title: "Hội nghị học tập ngày mai",
          startsAt: new Date(startsAt + 86_400_000),
          endsAt: new Date(startsAt + 86_400_000 + 4 * 3_600_000),
          status: "scheduled",
        })
        .returning(),
    );
    const hall = await returnedRow(
      writerForSetup(db)
        .insert(sites)
        .values({ conferenceId: tomorrow.id, unitId: baTo.id, isMain: true, venue: "Hội trường Huyện ủy Ba Tơ (thử)" })
        .returning(),
    );
    const personId = (await firstRow(db.select().from(invitations).where(eq(invitations.id, rows[12].id))))!.personId;
    const invitation = await returnedRow(
      writerForSetup(db).insert(invitations).values({ conferenceId: tomorrow.id, personId, bodyId: body.id, siteId: hall.id, status: "issued" }).returning(),
    );
    const token = signToken(
      { invitationId: invitation.id, conferenceId: tomorrow.id, tokenVersion: 1 },
      (await ensureCampaignKeys(db, practice.campaignId)).privateKey,
    );
    await writerForSetup(db).update(invitations).set({ token }).where(eq(invitations.id, invitation.id));

    const site = (await siteForScan(db, siteId))!;
    const server = (await judgeScan(db, { token, siteId, deviceId: "may-test", nonce: "unused-nonce", scannedAt: SEEDED, method: "camera" }, SEEDED)).result;
    const device = await createDeviceJudge(await buildOfflineRoster(db, site, SEEDED)).judge({ token, scannedAt: SEEDED.getTime() }, new Map());
    expect(server).toMatchObject({
      verdict: "wrong_conference",
      otherConference: {
        title: "Hội nghị học tập ngày mai",
        startsAt: tomorrow.startsAt.toISOString(),
        unitName: baTo.name,
        venue: "Hội trường Huyện ủy Ba Tơ (thử)",
      },
    });
    expect(device.otherConference).toEqual(server.otherConference);
  });

  it("keeps the roster small: the cadres' names once each, the other conferences as tuples", async () => {
    const site = (await siteForScan(handle.db, siteId))!;
    const roster = await buildOfflineRoster(handle.db, site, SEEDED);
    expect(roster.format).toBe(3);
    expect(roster.scanners).toEqual(["Cán bộ điểm danh Hội trường Tỉnh ủy"]);
    const checked = roster.invitations.find((r) => r[0] === rows[1].id)!;
    expect(roster.scanners![checked[13]]).toBe("Cán bộ điểm danh Hội trường Tỉnh ủy");
    expect(roster.invitations.filter((r) => r[10] === 0).every((r) => r[13] === -1)).toBe(true);
  });
});

/** A demo letter that a Telex input method changes (e.g. "DD" → "Đ", "AAS" → "Ấ"), as typed through it. */
function telexTyped() {
  const typed = (token: string) => typeTelex(token, { spellCheck: true });
  const row = rows.slice(11).find((r) => typed(r.token) !== r.token && normalizeToken(typed(r.token)).includes(r.token))!;
  return typed(row.token);
}

async function otherConferenceInvitation() {
  return (await firstRow(handle.db.select().from(invitations).where(ne(invitations.conferenceId, conferenceId)).orderBy(asc(invitations.id))))!;
}
async function otherConferenceToken() {
  return (await otherConferenceInvitation()).token!;
}
async function otherCampaignToken() {
  const keys = generateCampaignKeys();
  await writerForSetup(handle.db)
    .insert(campaigns)
    .values({
      title: "Đợt học tập khóa trước",
      resolution: "Nghị quyết khóa XIX",
      startDate: "2016-01-01",
      deadline: "2016-03-31",
      signingPrivateKey: keys.privateKey,
      signingPublicKey: keys.publicKey,
    })
    .onConflictDoNothing();
  return signToken({ invitationId: 1, conferenceId: conferenceId + 1000, tokenVersion: 1 }, keys.privateKey);
}
