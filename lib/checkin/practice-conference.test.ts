import { returnedRow, firstRow, writerForSetup } from "@/db/client";
/**
 * The demo's practice conference (issue 15, docs/decisions/0025): seeded with a fake clock at
 * 21:00 in Vietnam, its door is open at once and the next morning; an admin opens it again.
 */
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, checkIns, conferences, invitations, people, scanLog, sites, units, users } from "@/db/schema";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { createDemoDb } from "@/lib/testing/test-db";
import { zonedInstant } from "@/lib/time/zone";
import { recordSubstitute, registerWalkIn } from "./door-actions";
import { listAssignments } from "./list-assignments";
import { PRACTICE_GRACE_MINUTES, practiceConferenceId, practiceDoor, practiceTimes, reopenPracticeConference } from "./practice-conference";
import { recordScan } from "./record-scan";
import { getScanSite } from "./site-access";
import { listScanSites } from "./site-roster";

/** 21:00 on 02/12/2026 in Vietnam: a newcomer starts the demo in the evening. */
const EVENING = zonedInstant("2026-12-02", "21:00");
let handle: Awaited<ReturnType<typeof createDemoDb>>;
let conferenceId: number;
let siteId: number;
let tokens: { id: number; token: string }[];
let n = 0;

const sessionOf = async (username: string): Promise<SessionUser> => {
  const row = (await firstRow(handle.db.select().from(users).where(eq(users.username, username))))!;
  return (await loadSessionUser(handle.db, row.id, row.sessionVersion))!;
};
const scan = async (token: string, at: Date, deviceId = "may-thu") =>
  await recordScan(
    handle.db,
    (await sessionOf("diemdanh")).id,
    { token, siteId, deviceId, nonce: `practice-${++n}-nonce`, scannedAt: at, method: "camera" },
    at,
  );

beforeAll(async () => {
  handle = await createDemoDb(EVENING, { practiceAsSeeded: true });
  conferenceId = (await practiceConferenceId(handle.db))!;
  siteId = (await firstRow(handle.db.select().from(sites).where(eq(sites.conferenceId, conferenceId))))!.id;
  tokens = (await handle.db
    .select({ id: invitations.id, token: invitations.token })
    .from(invitations)
    .where(eq(invitations.conferenceId, conferenceId))) as typeof tokens;
});
afterAll(() => handle.cleanup());

describe("the practice conference, seeded at 21:00", () => {
  it("is remembered as the practice conference, from 20:30 for a day, with a wide grace", async () => {
    const conference = (await firstRow(handle.db.select().from(conferences).where(eq(conferences.id, conferenceId))))!;
    expect(conference.title).toContain("thực hành");
    expect(conference.startsAt).toEqual(zonedInstant("2026-12-02", "20:30"));
    expect(conference.endsAt).toEqual(zonedInstant("2026-12-03", "20:30"));
    expect(conference.graceMinutes).toBe(PRACTICE_GRACE_MINUTES);
  });

  it("lets the door account in at once: its site is open, listed, and a letter scans as on time", async () => {
    const scanner = await sessionOf("diemdanh");
    expect((await getScanSite(handle.db, scanner, siteId, EVENING)).ok).toBe(true);
    expect((await listScanSites(handle.db, scanner, EVENING)).map((s) => s.siteId)).toContain(siteId);
    expect((await listAssignments(handle.db, scanner.id, EVENING)).find((a) => a.siteId === siteId)?.phase).toBe("open");
    expect(await scan(tokens[0].token, new Date(EVENING.getTime() + 5 * 60_000))).toMatchObject({ verdict: "ok", checkIn: { isLate: false } });
  });

  it("is still open the next morning, and the login page can say until when (21:30 the next day)", async () => {
    const morning = zonedInstant("2026-12-03", "08:00");
    expect((await getScanSite(handle.db, await sessionOf("diemdanh"), siteId, morning)).ok).toBe(true);
    expect(await scan(tokens[1].token, morning)).toMatchObject({ verdict: "ok" });
    expect(await practiceDoor(handle.db, EVENING)).toMatchObject({ conferenceId, open: true, closesAt: zonedInstant("2026-12-03", "21:30") });
    expect((await practiceDoor(handle.db, zonedInstant("2026-12-03", "21:31")))?.open).toBe(false);
  });

  it("starts a little before the moment, on a five-minute mark", () => {
    expect(practiceTimes(zonedInstant("2026-12-02", "21:07"))).toEqual({
      startsAt: zonedInstant("2026-12-02", "20:35"),
      endsAt: zonedInstant("2026-12-03", "20:35"),
    });
  });
});

describe("Mở lại hội nghị thực hành", () => {
  const dayAfter = zonedInstant("2026-12-05", "19:00");

  it("refuses anyone but an admin whose scope covers it, and any other conference", async () => {
    expect(await reopenPracticeConference(handle.db, await sessionOf("diemdanh"), conferenceId, dayAfter)).toEqual({ ok: false, reason: "forbidden" });
    expect(await reopenPracticeConference(handle.db, await sessionOf("tochuc.bato"), conferenceId, dayAfter)).toEqual({ ok: false, reason: "forbidden" });
    // An admin of one district (delegated administration) does not reach the province's practice conference.
    const baTo = (await firstRow(handle.db.select().from(units).where(eq(units.code, "535"))))!;
    const districtAdmin = await returnedRow(
      writerForSetup(handle.db)
        .insert(users)
        .values({ username: "quantri.thu", passwordHash: "x", fullName: "Quản trị thử", role: "admin", unitId: baTo.id })
        .returning(),
    );
    expect(
      await reopenPracticeConference(handle.db, (await loadSessionUser(handle.db, districtAdmin.id, districtAdmin.sessionVersion))!, conferenceId, dayAfter),
    ).toEqual({
      ok: false,
      reason: "not_found",
    });
    const other = (await firstRow(handle.db.select().from(conferences).where(eq(conferences.unitId, baTo.id))))!;
    expect(await reopenPracticeConference(handle.db, await sessionOf("admin"), other.id, dayAfter)).toEqual({ ok: false, reason: "not_practice" });
  });

  it("opens it again from now and clears the last practice's check-ins, walk-ins and substitutes; letters and the scan log stay", async () => {
    const scanner = await sessionOf("diemdanh");
    const at = zonedInstant("2026-12-03", "09:00");
    await recordSubstitute(writerForSetup(handle.db), scanner.id, siteId, tokens[1].id, "Người Đi Thay", "Phó phòng");
    const walkIn = await registerWalkIn(
      handle.db,
      scanner.id,
      { siteId, fullName: "Khách Thực Hành", position: "", workplace: "", deviceId: "may-thu", nonce: "practice-walk-in-1", scannedAt: at },
      at,
    );
    const walkInPerson = (await firstRow(handle.db.select().from(invitations).where(eq(invitations.id, walkIn.invitationId))))!.personId;
    const logged = (await firstRow(handle.db.select({ n: count() }).from(scanLog).where(eq(scanLog.conferenceId, conferenceId))))!.n;
    expect(await getScanSite(handle.db, scanner, siteId, dayAfter)).toEqual({ ok: false, reason: "closed" });

    const result = await reopenPracticeConference(handle.db, await sessionOf("admin"), conferenceId, dayAfter);
    expect(result).toMatchObject({ ok: true, id: conferenceId, cleared: { checkIns: 2, walkIns: 1 }, startsAt: zonedInstant("2026-12-05", "18:30") });

    const db = handle.db;
    expect((await firstRow(db.select({ n: count() }).from(checkIns).where(eq(checkIns.conferenceId, conferenceId))))!.n).toBe(0);
    expect(await firstRow(db.select().from(invitations).where(eq(invitations.id, walkIn.invitationId)))).toBeUndefined();
    expect(await firstRow(db.select().from(people).where(eq(people.id, walkInPerson)))).toBeUndefined();
    expect(await firstRow(db.select().from(invitations).where(eq(invitations.id, tokens[1].id)))).toMatchObject({
      substituteName: null,
      status: "issued",
      token: tokens[1].token,
    });
    expect((await firstRow(db.select({ n: count() }).from(scanLog).where(eq(scanLog.conferenceId, conferenceId))))!.n).toBe(logged);
    expect(await firstRow(db.select().from(conferences).where(eq(conferences.id, conferenceId)))).toMatchObject({
      status: "scheduled",
      graceMinutes: PRACTICE_GRACE_MINUTES,
    });
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "practice_reopen"), eq(auditLog.entityId, String(conferenceId)))),
    ).toHaveLength(1);

    // The door is open again, and the letter scanned in the last practice is let in afresh.
    expect((await getScanSite(handle.db, scanner, siteId, dayAfter)).ok).toBe(true);
    expect(await scan(tokens[0].token, dayAfter)).toMatchObject({ verdict: "ok" });
  });
});
