import { firstRow } from "@/db/client";
import { and, count, eq, isNull, notExists, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodies, checkIns, conferences, invitations, scanLog, sites, units, users } from "@/db/schema";
import { loadSessionUser } from "@/lib/auth/session-user";
import { revokeInvitation } from "@/lib/invitations/manage-invitations";
import { createDemoDb } from "@/lib/testing/test-db";
import { zonedInstant } from "@/lib/time/zone";
import { recordScan, type ScanInput } from "./record-scan";
import { getScanSite } from "./site-access";

const SEEDED = new Date("2026-11-28T03:00:00Z"); // 10:00 in Vietnam, the practice conference's day
let handle: Awaited<ReturnType<typeof createDemoDb>>;
let practice: { id: number; siteId: number; tokens: { id: number; token: string }[] };
let scannerId: number;
let n = 0;
const scan = async (over: Partial<ScanInput>, now = SEEDED) =>
  await recordScan(
    handle.db,
    scannerId,
    { token: "", siteId: practice.siteId, deviceId: "may-1", nonce: `nonce-${++n}-xxxx`, scannedAt: now, method: "camera", ...over },
    now,
  );

beforeAll(async () => {
  handle = await createDemoDb(SEEDED);
  const c = (await firstRow(handle.db.select().from(conferences).where(isNull(conferences.requirementId))))!;
  const site = (await firstRow(handle.db.select().from(sites).where(eq(sites.conferenceId, c.id))))!;
  const tokens = (await handle.db.select({ id: invitations.id, token: invitations.token }).from(invitations).where(eq(invitations.conferenceId, c.id))) as {
    id: number;
    token: string;
  }[];
  practice = { id: c.id, siteId: site.id, tokens };
  scannerId = (await firstRow(handle.db.select().from(users).where(eq(users.username, "diemdanh"))))!.id;
});
afterAll(() => handle.cleanup());

describe("verdicts at the door", () => {
  it("lets the first scan in, with the attendee, and calls the second a duplicate", async () => {
    const first = await scan({ token: practice.tokens[0].token });
    expect(first).toMatchObject({ verdict: "ok", checkIn: { isLate: true } });
    expect(first.attendee?.name).toBeTruthy();
    const again = await scan({ token: practice.tokens[0].token, deviceId: "may-2" });
    expect(again).toMatchObject({ verdict: "duplicate", firstCheckIn: { deviceId: "may-1", siteVenue: "Hội trường Tỉnh ủy" } });
  });

  it("marks lateness by the conference's grace: on time until 07:45, late after", async () => {
    expect(await scan({ token: practice.tokens[1].token }, zonedInstant("2026-11-28", "07:45"))).toMatchObject({ verdict: "ok", checkIn: { isLate: false } });
    expect(await scan({ token: practice.tokens[2].token }, new Date(zonedInstant("2026-11-28", "07:45").getTime() + 1000))).toMatchObject({
      verdict: "ok",
      checkIn: { isLate: true },
    });
  });

  it("answers a retry with the same nonce the same way and writes nothing new", async () => {
    const input = { token: practice.tokens[3].token, nonce: "retry-nonce-0001" };
    const first = await scan(input);
    const logs = (await firstRow(handle.db.select({ n: count() }).from(scanLog)))!.n;
    expect(await scan(input)).toEqual(first);
    expect((await firstRow(handle.db.select({ n: count() }).from(scanLog)))!.n).toBe(logs);
    expect((await firstRow(handle.db.select({ n: count() }).from(checkIns).where(eq(checkIns.invitationId, practice.tokens[3].id))))!.n).toBe(1);
  });

  it("says revoked for a revoked letter", async () => {
    const organizer = (await loadSessionUser(handle.db, (await firstRow(handle.db.select().from(users).where(eq(users.username, "admin"))))!.id, 1))!;
    await revokeInvitation(handle.db, organizer, practice.id, practice.tokens[4].id, "Gửi nhầm người");
    expect((await scan({ token: practice.tokens[4].token })).verdict).toBe("revoked");
  });

  it("says wrong_conference for another conference's letter, and wrong_site at another bridge point", async () => {
    const standing = (await firstRow(
      handle.db
        .select({ id: conferences.id })
        .from(conferences)
        .innerJoin(bodies, eq(bodies.id, conferences.bodyId))
        .where(eq(bodies.name, "Ban Thường vụ Tỉnh ủy")),
    ))!.id;
    const bridgeInvitee = (await firstRow(
      handle.db
        .select({ token: invitations.token })
        .from(invitations)
        .innerJoin(sites, eq(sites.id, invitations.siteId))
        .where(
          and(
            eq(invitations.conferenceId, standing),
            eq(sites.isMain, false),
            notExists(
              handle.db
                .select({ one: sql`1` })
                .from(checkIns)
                .where(eq(checkIns.invitationId, invitations.id)),
            ),
          ),
        ),
    ))!;
    expect(await scan({ token: bridgeInvitee.token! })).toMatchObject({ verdict: "wrong_conference" });
    const main = (await firstRow(
      handle.db
        .select()
        .from(sites)
        .where(and(eq(sites.conferenceId, standing), eq(sites.isMain, true))),
    ))!;
    const during = zonedInstant("2021-03-03", "08:00");
    const result = await scan({ token: bridgeInvitee.token!, siteId: main.id }, during);
    expect(result.verdict).toBe("wrong_site");
    expect(result.expectedSite?.venue).toMatch(/^Hội trường/);
  });

  it("says not_open before the door opens and after it closes", async () => {
    expect(await scan({ token: practice.tokens[5].token }, zonedInstant("2026-11-28", "05:00"))).toMatchObject({ verdict: "not_open" });
    expect(await scan({ token: practice.tokens[5].token }, zonedInstant("2026-11-28", "18:30"))).toMatchObject({ verdict: "not_open" });
  });

  it("gives bad input a verdict, never an exception", async () => {
    const token = practice.tokens[6].token;
    const changed = `${token.slice(0, 50)}${token[50] === "A" ? "B" : "A"}${token.slice(51)}`;
    const cases: [string, string][] = [
      [token.slice(0, 80), "unknown"],
      [changed, "bad_signature"],
      [token.replace(/^./, "đ"), "unknown"],
      ["x".repeat(10_000), "unknown"],
      ["", "unknown"],
      ["<script>alert(1)</script>", "unknown"],
    ];
    for (const [text, verdict] of cases) expect((await scan({ token: text })).verdict, text.slice(0, 20)).toBe(verdict);
    // A forged signature on a real payload does not check anyone in.
    expect((await firstRow(handle.db.select({ n: count() }).from(checkIns).where(eq(checkIns.invitationId, practice.tokens[6].id))))!.n).toBe(0);
  });

  it("reads a token typed with Caps Lock on, or with spaces and zero-width characters in it, as the token", async () => {
    const { id, token } = practice.tokens[7];
    expect(await scan({ token: ` ${token.slice(0, 60).toLowerCase()}\u200b${token.slice(60)}\n` })).toMatchObject({ verdict: "ok", invitationId: id });
  });

  it("logs every attempt with its verdict", async () => {
    const verdicts = await handle.db
      .select({ verdict: scanLog.verdict, n: count() })
      .from(scanLog)
      .where(eq(scanLog.userId, scannerId))
      .groupBy(scanLog.verdict);
    expect(verdicts.map((v) => v.verdict).sort()).toEqual([
      "bad_signature",
      "duplicate",
      "not_open",
      "ok",
      "revoked",
      "unknown",
      "wrong_conference",
      "wrong_site",
    ]);
  });
});

describe("who may scan where", () => {
  it("admits door staff to their site only while it is open, and organisers of the body at any time", async () => {
    const u = async (name: string) => {
      const row = (await firstRow(handle.db.select().from(users).where(eq(users.username, name))))!;
      return (await loadSessionUser(handle.db, row.id, row.sessionVersion))!;
    };
    expect((await getScanSite(handle.db, await u("diemdanh"), practice.siteId, SEEDED)).ok).toBe(true);
    expect(await getScanSite(handle.db, await u("diemdanh"), practice.siteId, zonedInstant("2026-11-29", "09:00"))).toEqual({ ok: false, reason: "closed" });
    const other = (await firstRow(
      handle.db
        .select()
        .from(sites)
        .where(eq(sites.unitId, (await firstRow(handle.db.select().from(units).where(eq(units.code, "536"))))!.id)),
    ))!;
    expect(await getScanSite(handle.db, await u("diemdanh"), other.id, SEEDED)).toEqual({ ok: false, reason: "forbidden" });
    expect(await getScanSite(handle.db, await u("baocao.bato"), practice.siteId, SEEDED)).toEqual({ ok: false, reason: "forbidden" });
    expect(await getScanSite(handle.db, await u("tochuc.bato"), practice.siteId, SEEDED)).toEqual({ ok: false, reason: "forbidden" });
    expect((await getScanSite(handle.db, await u("admin"), other.id, SEEDED)).ok).toBe(true);
  });
});
