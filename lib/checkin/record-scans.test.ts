import { and, count, eq, inArray, isNull, like, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstRow, transaction } from "@/db/client";
import { checkIns, conferences, invitations, scanLog, sites, users } from "@/db/schema";
import { checkInFirstElsewhere } from "@/lib/testing/fault-trigger";
import { createDemoDb } from "@/lib/testing/test-db";
import { createGroupCommit } from "./group-commit";
import { DOOR_ISOLATION, recordScan, type ScanInput } from "./record-scan";
import { GroupRaced, recordLeadingScans, recordScans, type GroupScan } from "./record-scans";

const NOW = new Date("2026-11-28T03:00:00Z"); // 10:00 in Vietnam, the practice conference's day
type Handle = Awaited<ReturnType<typeof createDemoDb>>;

/** The practice conference's site, its letters in id order, the door account, and another conference's letter. */
async function doorOf(handle: Handle) {
  const practice = (await firstRow(handle.db.select().from(conferences).where(isNull(conferences.requirementId))))!;
  const site = (await firstRow(handle.db.select().from(sites).where(eq(sites.conferenceId, practice.id))))!;
  const letters = await handle.db.select().from(invitations).where(eq(invitations.conferenceId, practice.id)).orderBy(invitations.id);
  const userId = (await firstRow(handle.db.select().from(users).where(eq(users.username, "diemdanh"))))!.id;
  const other = (await firstRow(
    handle.db
      .select()
      .from(invitations)
      .where(and(eq(invitations.status, "issued"), ne(invitations.conferenceId, practice.id))),
  ))!;
  return { site, letters, userId, other };
}

/** A door's busy second: first scans, a letter twice, a resent request, a text that is no letter, a guest chosen by hand, another conference's letter. */
function busySecond(door: Awaited<ReturnType<typeof doorOf>>, at = { first: 0, prefix: "group-aaaa" }): GroupScan[] {
  const { site, other, userId } = door;
  const letters = door.letters.slice(at.first);
  const scan = (over: Partial<ScanInput> & { nonce: string }): GroupScan => ({
    userId,
    now: NOW,
    input: { siteId: site.id, deviceId: "may-1", scannedAt: NOW, method: "camera", ...over },
  });
  return [
    scan({ token: letters[0].token!, nonce: `${at.prefix}-01` }),
    scan({ token: letters[1].token!, nonce: `${at.prefix}-02`, deviceId: "may-2" }),
    scan({ token: letters[0].token!, nonce: `${at.prefix}-03`, deviceId: "may-2" }), // the same letter again: a duplicate of the first
    scan({ token: "KHONG-PHAI-THU-MOI", nonce: `${at.prefix}-04` }),
    scan({ token: letters[1].token!, nonce: `${at.prefix}-02`, deviceId: "may-2" }), // the second request resent
    scan({ invitationId: letters[2].id, method: "manual", nonce: `${at.prefix}-05` }),
    scan({ token: letters[3].token!.toLowerCase(), nonce: `${at.prefix}-06`, method: "hardware" }), // Caps Lock on the scanner
    scan({ token: other.token!, nonce: `${at.prefix}-07` }),
    scan({ token: letters[4].token!, nonce: `${at.prefix}-08` }),
    scan({ token: letters[4].token!, nonce: `${at.prefix}-09`, deviceId: "may-3" }),
  ];
}

/** The check-ins and log rows of the scans whose nonces start with `prefix`, for comparing two databases. */
async function rowsOf(handle: Handle, prefix: string) {
  return {
    checkIns: await handle.db
      .select({
        invitationId: checkIns.invitationId,
        deviceId: checkIns.deviceId,
        nonce: checkIns.nonce,
        scannedAt: checkIns.scannedAt,
        isLate: checkIns.isLate,
      })
      .from(checkIns)
      .where(like(checkIns.nonce, `${prefix}-%`))
      .orderBy(checkIns.nonce),
    log: await handle.db
      .select({
        nonce: scanLog.nonce,
        verdict: scanLog.verdict,
        invitationId: scanLog.invitationId,
        firstDeviceId: scanLog.firstDeviceId,
        token: scanLog.token,
      })
      .from(scanLog)
      .where(like(scanLog.nonce, `${prefix}-%`))
      .orderBy(scanLog.nonce),
  };
}

/** The same scans recorded one at a time, each in its own transaction: the reference. */
async function oneByOne(handle: Handle, scans: GroupScan[]) {
  const answers = [];
  for (const scan of scans) answers.push(await recordScan(handle.db, scan.userId, scan.input, scan.now));
  return answers;
}

let grouped: Handle;
let alone: Handle;
beforeAll(async () => {
  [grouped, alone] = await Promise.all([createDemoDb(NOW), createDemoDb(NOW)]);
});
afterAll(async () => {
  await grouped.cleanup();
  await alone.cleanup();
});

describe("a group of scans recorded together", () => {
  it("answers each scan as it would be answered alone, in order, and writes the same rows", async () => {
    const group = busySecond(await doorOf(grouped));
    // A letter checked in before the group: its scan in the group is a duplicate, judged from its row.
    const before = { ...group[8], input: { ...group[8].input, nonce: "group-aaaa-00" } };
    await recordScan(grouped.db, before.userId, before.input, before.now);
    await recordScan(alone.db, before.userId, before.input, before.now);

    const together = await transaction(grouped.db, (tx) => recordScans(tx, group), DOOR_ISOLATION);
    expect(together).toEqual(await oneByOne(alone, busySecond(await doorOf(alone))));
    expect(together.map((r) => r.verdict)).toEqual(["ok", "ok", "duplicate", "unknown", "ok", "ok", "ok", "wrong_conference", "duplicate", "duplicate"]);
    const [mine, theirs] = [await rowsOf(grouped, "group"), await rowsOf(alone, "group")];
    expect(mine).toEqual(theirs);
    expect(mine.checkIns).toHaveLength(5);
    expect(mine.log).toHaveLength(10); // one per nonce: the resent request wrote nothing
  });
});

describe("the group commit", () => {
  it("writes the leading scans without a transaction and the rest from the first that must be recorded alone in one: the answers and rows of one by one", async () => {
    const at = { first: 5, prefix: "commit-bbbb" };
    const door = await doorOf(grouped);
    // The leading scans stop at the third, the first letter again (it must see the first's check-in).
    const leading = await recordLeadingScans(grouped.db, busySecond(door, { first: 10, prefix: "leading-cccc" }));
    expect(leading.map((r) => r.verdict)).toEqual(["ok", "ok"]);
    const written = await grouped.db.select({ nonce: scanLog.nonce }).from(scanLog).where(like(scanLog.nonce, "leading-cccc-%")).orderBy(scanLog.nonce);
    expect(written.map((r) => r.nonce)).toEqual(["leading-cccc-01", "leading-cccc-02"]);

    const record = createGroupCommit(grouped.db);
    const together = await Promise.all(busySecond(door, at).map((g) => record(g.userId, g.input, g.now)));
    expect(together).toEqual(await oneByOne(alone, busySecond(await doorOf(alone), at)));
    expect(together.map((r) => r.verdict)).toEqual(["ok", "ok", "duplicate", "unknown", "ok", "ok", "ok", "wrong_conference", "ok", "duplicate"]);
    expect(await rowsOf(grouped, at.prefix)).toEqual(await rowsOf(alone, at.prefix));
  });
});

describe("a group that another server races", () => {
  it("is rolled back whole when a letter it judged free was checked in elsewhere first; each scan is then answered as the database kept it", async () => {
    const { site, letters, userId } = await doorOf(grouped);
    const [l0, l1, l2] = [letters[20], letters[21], letters[22]];
    const removeTrigger = await checkInFirstElsewhere(grouped.db, { name: "test_race_elsewhere", deviceId: "may-dua", otherDeviceId: "may-khac" });
    try {
      const group: GroupScan[] = [
        { userId, now: NOW, input: { token: l0.token!, siteId: site.id, deviceId: "may-1", nonce: "race-aaaa-1", scannedAt: NOW, method: "camera" } },
        { userId, now: NOW, input: { token: l1.token!, siteId: site.id, deviceId: "may-dua", nonce: "race-aaaa-2", scannedAt: NOW, method: "camera" } },
        { userId, now: NOW, input: { token: l2.token!, siteId: site.id, deviceId: "may-1", nonce: "race-aaaa-3", scannedAt: NOW, method: "camera" } },
      ];
      // Recorded together, the group finds fewer check-ins went in than it judged: nothing of it stays, whether
      // it is written in a transaction or by the all-or-nothing statement of the leading scans.
      await expect(transaction(grouped.db, (tx) => recordScans(tx, group), DOOR_ISOLATION)).rejects.toBeInstanceOf(GroupRaced);
      await expect(recordLeadingScans(grouped.db, group)).rejects.toBeInstanceOf(GroupRaced);
      const none = await firstRow(
        grouped.db
          .select({ n: count() })
          .from(checkIns)
          .where(inArray(checkIns.invitationId, [l0.id, l1.id, l2.id])),
      );
      expect(Number(none!.n)).toBe(0);

      // The group commit then records them one by one: the raced scan is a duplicate of the other server's check-in.
      const record = createGroupCommit(grouped.db);
      const answers = await Promise.all(group.map((g) => record(g.userId, g.input, g.now)));
      expect(answers.map((a) => a.verdict)).toEqual(["ok", "duplicate", "ok"]);
      expect(answers[1].firstCheckIn).toMatchObject({ deviceId: "may-khac" });
      const kept = await grouped.db
        .select({ invitationId: checkIns.invitationId, deviceId: checkIns.deviceId })
        .from(checkIns)
        .where(inArray(checkIns.invitationId, [l0.id, l1.id, l2.id]))
        .orderBy(checkIns.invitationId);
      expect(kept).toEqual([
        { invitationId: l0.id, deviceId: "may-1" },
        { invitationId: l1.id, deviceId: "may-khac" },
        { invitationId: l2.id, deviceId: "may-1" },
      ]);
      const logged = await grouped.db
        .select({ nonce: scanLog.nonce, verdict: scanLog.verdict })
        .from(scanLog)
        .where(like(scanLog.nonce, "race-%"))
        .orderBy(scanLog.nonce);
      expect(logged).toEqual([
        { nonce: "race-aaaa-1", verdict: "ok" },
        { nonce: "race-aaaa-2", verdict: "duplicate" },
        { nonce: "race-aaaa-3", verdict: "ok" },
      ]);
    } finally {
      await removeTrigger();
    }
  });
});
