import { firstRow, writerForSetup } from "@/db/client";
import { count, eq, inArray, isNull, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkIns, conferences, invitations, scanLog, sites, users } from "@/db/schema";
import { databaseEngine } from "@/db/engine";
import { refuseInserts } from "@/lib/testing/fault-trigger";
import { createDemoDb } from "@/lib/testing/test-db";
import { createGroupCommit } from "./group-commit";

const NOW = new Date("2026-11-28T03:00:00Z");
let handle: Awaited<ReturnType<typeof createDemoDb>>;
beforeAll(async () => {
  handle = await createDemoDb(NOW);
});
afterAll(() => handle.cleanup());

describe("group commit", () => {
  it("judges scans of one batch in order: two devices, one letter, the first wins", async () => {
    const practice = (await firstRow(handle.db.select().from(conferences).where(isNull(conferences.requirementId))))!;
    const site = (await firstRow(handle.db.select().from(sites).where(eq(sites.conferenceId, practice.id))))!;
    const list = await handle.db.select().from(invitations).where(eq(invitations.conferenceId, practice.id));
    const userId = (await firstRow(handle.db.select().from(users).where(eq(users.username, "diemdanh"))))!.id;
    const record = createGroupCommit(handle.db);
    const scan = (token: string, device: string, nonce: string) =>
      record(userId, { token, siteId: site.id, deviceId: device, nonce, scannedAt: NOW, method: "camera" }, NOW);

    const results = await Promise.all([
      scan(list[0].token!, "may-1", "batch-aaaa-1"),
      scan(list[0].token!, "may-2", "batch-aaaa-2"),
      scan(list[1].token!, "may-1", "batch-aaaa-3"),
      scan("RAC", "may-3", "batch-aaaa-4"),
      scan(list[1].token!, "may-1", "batch-aaaa-3"), // a retry of the same request
    ]);
    expect(results.map((r) => r.verdict)).toEqual(["ok", "duplicate", "ok", "unknown", "ok"]);
    expect(results[1].firstCheckIn?.deviceId).toBe("may-1");
    expect((await firstRow(handle.db.select({ n: count() }).from(checkIns).where(eq(checkIns.conferenceId, practice.id))))!.n).toBe(2);
    expect((await firstRow(handle.db.select({ n: count() }).from(scanLog).where(eq(scanLog.conferenceId, practice.id))))!.n).toBe(4);
  });
});

describe("group commit when one scan of a batch fails", () => {
  it("rolls the whole batch back, retries each scan alone: only the failing one fails, the others get the answers they would have had, nothing twice", async () => {
    const practice = (await firstRow(handle.db.select().from(conferences).where(isNull(conferences.requirementId))))!;
    const site = (await firstRow(handle.db.select().from(sites).where(eq(sites.conferenceId, practice.id))))!;
    const list = await handle.db.select().from(invitations).where(eq(invitations.conferenceId, practice.id));
    const userId = (await firstRow(handle.db.select().from(users).where(eq(users.username, "diemdanh"))))!.id;
    const [l0, l1, l2] = [list[10], list[11], list[12]];
    // A real failure inside the transaction: the scan log refuses the rows of one device (a trigger in this
    // test's copy only), after the scan's check-in row has been written.
    const removeTrigger = await refuseInserts(handle.db, {
      name: "test_broken_device",
      table: "scan_log",
      column: "device_id",
      equals: "may-hong",
      message: "may-hong: ghi nhật ký thất bại",
    });
    // On SQLite, every check-in row written, committed or not, is also reported to `inserted` by a function a
    // second trigger calls (a PostgreSQL trigger cannot call back into the test; what stays is checked on both).
    const inserted: number[] = [];
    const sqlite = databaseEngine() === "sqlite" ? writerForSetup(handle.db).$client : null;
    sqlite?.function("seen_check_in", (invitationId: unknown) => {
      inserted.push(Number(invitationId));
      return null;
    });
    sqlite?.exec("CREATE TRIGGER test_seen_check_in AFTER INSERT ON check_ins BEGIN SELECT seen_check_in(NEW.invitation_id); END;");
    try {
      const record = createGroupCommit(handle.db);
      const scan = (token: string, device: string, nonce: string) =>
        record(userId, { token, siteId: site.id, deviceId: device, nonce, scannedAt: NOW, method: "camera" }, NOW);
      // One turn of the event loop: one batch, in this order.
      const settled = await Promise.allSettled([
        scan(l0.token!, "may-1", "fail-batch-a"), // ok
        scan(l1.token!, "may-hong", "fail-batch-b"), // fails: its log row is refused
        scan(l0.token!, "may-2", "fail-batch-c"), // duplicate of a (first wins, also on the retry)
        scan(l1.token!, "may-2", "fail-batch-d"), // ok: b's check-in was rolled back, so this is the first
        scan(l2.token!, "may-1", "fail-batch-e"), // ok
        scan(l0.token!, "may-1", "fail-batch-a"), // a resent with the same nonce: a's answer again
      ]);

      const [a, b, c, d, e, again] = settled;
      expect(b).toMatchObject({ status: "rejected" });
      // The database's own message (drizzle wraps PostgreSQL's error: its cause).
      const reason = (b as PromiseRejectedResult).reason as Error;
      expect(`${reason.message} ${String(reason.cause ?? "")}`).toContain("may-hong: ghi nhật ký thất bại");
      const value = (s: PromiseSettledResult<unknown>) => (s as PromiseFulfilledResult<Awaited<ReturnType<typeof scan>>>).value;
      expect([a, c, d, e, again].map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
      expect(value(a)).toMatchObject({ verdict: "ok", invitationId: l0.id });
      expect(value(c)).toMatchObject({ verdict: "duplicate", invitationId: l0.id, firstCheckIn: { deviceId: "may-1" } });
      expect(value(d)).toMatchObject({ verdict: "ok", invitationId: l1.id });
      expect(value(e)).toMatchObject({ verdict: "ok", invitationId: l2.id });
      expect(value(again)).toMatchObject({ verdict: "ok", invitationId: l0.id });

      // The batch wrote a's and b's check-ins, stopped at b's refused log row and was rolled back; then each scan
      // alone: a, b (written and rolled back again), c (a duplicate: no row), d, e, and a's resend (replayed: no row).
      if (sqlite) expect(inserted).toEqual([l0.id, l1.id, l0.id, l1.id, l1.id, l2.id]);
      // What stays: one check-in per letter, from the scans that succeeded; none from the failing one.
      const rows = await handle.db
        .select({ invitationId: checkIns.invitationId, deviceId: checkIns.deviceId, nonce: checkIns.nonce })
        .from(checkIns)
        .where(inArray(checkIns.invitationId, [l0.id, l1.id, l2.id]))
        .orderBy(checkIns.invitationId);
      expect(rows).toEqual([
        { invitationId: l0.id, deviceId: "may-1", nonce: "fail-batch-a" },
        { invitationId: l1.id, deviceId: "may-2", nonce: "fail-batch-d" },
        { invitationId: l2.id, deviceId: "may-1", nonce: "fail-batch-e" },
      ]);
      const logged = await handle.db
        .select({ nonce: scanLog.nonce, verdict: scanLog.verdict })
        .from(scanLog)
        .where(like(scanLog.nonce, "fail-batch-%"))
        .orderBy(scanLog.nonce);
      expect(logged).toEqual([
        { nonce: "fail-batch-a", verdict: "ok" },
        { nonce: "fail-batch-c", verdict: "duplicate" },
        { nonce: "fail-batch-d", verdict: "ok" },
        { nonce: "fail-batch-e", verdict: "ok" },
      ]);
    } finally {
      await removeTrigger();
      sqlite?.exec("DROP TRIGGER test_seen_check_in");
    }
  });
});
