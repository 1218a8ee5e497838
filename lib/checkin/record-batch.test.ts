import { refuseInserts } from "@/lib/testing/fault-trigger";
import { firstRow, writerForSetup } from "@/db/client";
import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkIns, conferences, invitations, scanLog, sites, users } from "@/db/schema";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { createDemoDb } from "@/lib/testing/test-db";
import { recordBatch } from "./record-batch";
import { recordScan } from "./record-scan";
import { siteForScan } from "./scan-statements";

const SEEDED = new Date("2026-11-28T03:00:00Z");
const minutes = (n: number) => new Date(SEEDED.getTime() + n * 60_000);
let handle: Awaited<ReturnType<typeof createDemoDb>>;
let scanner: SessionUser;
let siteId: number;
let rows: { id: number; token: string }[];
let n = 0;
const nonce = () => `batch-nonce-${++n}-xxxx`;
const item = (token: string, deviceId: string, at: Date, extra: Record<string, unknown> = {}) => ({
  type: "scan",
  token,
  deviceId,
  nonce: nonce(),
  scannedAt: at.getTime(),
  method: "camera",
  ...extra,
});
const site = async () => (await siteForScan(handle.db, siteId))!;

beforeAll(async () => {
  handle = await createDemoDb(SEEDED);
  const practice = (await firstRow(handle.db.select().from(conferences).where(isNull(conferences.requirementId))))!;
  siteId = (await firstRow(handle.db.select().from(sites).where(eq(sites.conferenceId, practice.id))))!.id;
  rows = (await handle.db
    .select({ id: invitations.id, token: invitations.token })
    .from(invitations)
    .where(eq(invitations.conferenceId, practice.id))
    .orderBy(asc(invitations.id))) as typeof rows;
  scanner = (await loadSessionUser(handle.db, (await firstRow(handle.db.select().from(users).where(eq(users.username, "diemdanh"))))!.id, 1))!;
});
afterAll(() => handle.cleanup());

const checkInsOf = async (ids: number[]) => await handle.db.select().from(checkIns).where(inArray(checkIns.invitationId, ids));

describe("offline queue sync", () => {
  it("records a queue with a local duplicate: two check-ins and one duplicate row; resending changes nothing", async () => {
    const items = [item(rows[0].token, "may-a", minutes(1)), item(rows[1].token, "may-a", minutes(2)), item(rows[0].token, "may-a", minutes(3))];
    const first = await recordBatch(handle.db, scanner, await site(), items, minutes(10));
    expect(first.map((o) => (o.ok && "result" in o ? o.result.verdict : "error"))).toEqual(["ok", "ok", "duplicate"]);
    expect((await checkInsOf([rows[0].id, rows[1].id])).map((c) => [c.deviceId, c.scannedAt.getTime(), c.wasOffline])).toEqual([
      ["may-a", minutes(1).getTime(), true],
      ["may-a", minutes(2).getTime(), true],
    ]);
    const logs = (await firstRow(handle.db.select({ n: count() }).from(scanLog)))!.n;
    const again = await recordBatch(handle.db, scanner, await site(), items, minutes(11));
    expect(again.map((o) => (o.ok && "result" in o ? o.result.verdict : "error"))).toEqual(["ok", "ok", "duplicate"]);
    expect((await firstRow(handle.db.select({ n: count() }).from(scanLog)))!.n).toBe(logs);
  });

  it("earliest device time wins: a later sync of an earlier scan takes the check-in, the other becomes a duplicate with both times", async () => {
    const token = rows[2].token;
    await recordBatch(handle.db, scanner, await site(), [item(token, "may-b", minutes(5))], minutes(20));
    const outcome = await recordBatch(handle.db, scanner, await site(), [item(token, "may-c", minutes(4))], minutes(21));
    expect(outcome[0]).toMatchObject({ ok: true, result: { verdict: "ok" } });
    const [checkIn] = await checkInsOf([rows[2].id]);
    expect([checkIn.deviceId, checkIn.scannedAt.getTime()]).toEqual(["may-c", minutes(4).getTime()]);
    const log = await handle.db.select().from(scanLog).where(eq(scanLog.invitationId, rows[2].id)).orderBy(asc(scanLog.id));
    expect(log.map((l) => [l.deviceId, l.verdict, l.scannedAt.getTime(), l.firstDeviceId, l.firstScannedAt?.getTime() ?? null])).toEqual([
      ["may-b", "duplicate", minutes(5).getTime(), "may-c", minutes(4).getTime()],
      ["may-c", "ok", minutes(4).getTime(), null, null],
    ]);
  });

  it("a later device time stays a duplicate of the check-in on record", async () => {
    const token = rows[3].token;
    await recordBatch(handle.db, scanner, await site(), [item(token, "may-b", minutes(5))], minutes(20));
    const outcome = await recordBatch(handle.db, scanner, await site(), [item(token, "may-c", minutes(6))], minutes(21));
    expect(outcome[0]).toMatchObject({ ok: true, result: { verdict: "duplicate", firstCheckIn: { deviceId: "may-b" } } });
    expect((await checkInsOf([rows[3].id])).map((c) => c.deviceId)).toEqual(["may-b"]);
    const dup = (await firstRow(
      handle.db
        .select()
        .from(scanLog)
        .where(and(eq(scanLog.invitationId, rows[3].id), eq(scanLog.verdict, "duplicate"))),
    ))!;
    expect([dup.deviceId, dup.firstDeviceId, dup.firstScannedAt?.getTime()]).toEqual(["may-c", "may-b", minutes(5).getTime()]);
  });

  it("a live (online) scan is never taken over by device clocks: first come, first in", async () => {
    const token = rows[4].token;
    await recordScan(handle.db, scanner.id, { token, siteId, deviceId: "may-b", nonce: nonce(), scannedAt: minutes(5), method: "camera" }, minutes(5));
    const live = await recordScan(
      handle.db,
      scanner.id,
      { token, siteId, deviceId: "may-c", nonce: nonce(), scannedAt: minutes(4), method: "camera" },
      minutes(6),
    );
    expect(live.verdict).toBe("duplicate");
    expect((await checkInsOf([rows[4].id])).map((c) => c.deviceId)).toEqual(["may-b"]);
  });

  it("walk-ins and hand-picked guests sync too; a broken item is reported and the rest recorded", async () => {
    const walkInNonce = nonce();
    const outcome = await recordBatch(
      writerForSetup(handle.db),
      scanner,
      await site(),
      [
        {
          type: "walk_in",
          fullName: "Phạm Thị Khách",
          position: "Bí thư chi bộ",
          workplace: "",
          deviceId: "may-a",
          nonce: walkInNonce,
          scannedAt: minutes(7).getTime(),
        },
        { type: "scan", invitationId: rows[5].id, deviceId: "may-a", nonce: nonce(), scannedAt: minutes(8).getTime(), method: "manual" },
        { type: "scan", deviceId: "may-a", nonce: "broken-item-0001", scannedAt: "hôm qua" },
        { type: "teleport" },
      ],
      minutes(30),
    );
    expect(outcome[0]).toMatchObject({ ok: true, walkIn: { invitationId: expect.any(Number) } });
    expect(outcome[1]).toMatchObject({ ok: true, result: { verdict: "ok", invitationId: rows[5].id } });
    expect(outcome[2]).toMatchObject({ ok: false, nonce: "broken-item-0001", error: "bad_request" });
    expect(outcome[3]).toMatchObject({ ok: false, nonce: null });
    expect((await checkInsOf([rows[5].id]))[0].method).toBe("manual");
    const walkIn = (await firstRow(handle.db.select().from(scanLog).where(eq(scanLog.nonce, walkInNonce))))!;
    expect(walkIn.verdict).toBe("ok");
  });

  it("a database error on one item fails that item alone: the rest are saved, and the failed one goes through once resent", async () => {
    const [a, failing, b] = [rows[10], rows[11], rows[12]];
    const items = [item(a.token, "may-d", minutes(1)), item(failing.token, "may-d", minutes(2)), item(b.token, "may-d", minutes(3))];
    const removeTrigger = await refuseInserts(handle.db, {
      name: "fail_one_check_in",
      table: "check_ins",
      column: "invitation_id",
      equals: failing.id,
      message: "injected failure",
    });
    try {
      const outcome = await recordBatch(handle.db, scanner, await site(), items, minutes(10));
      expect(outcome[0]).toMatchObject({ ok: true, result: { verdict: "ok" } });
      expect(outcome[1]).toMatchObject({ ok: false, nonce: items[1].nonce, error: "failed", message: expect.stringContaining("Thử lại") });
      expect(outcome[2]).toMatchObject({ ok: true, result: { verdict: "ok" } });
    } finally {
      await removeTrigger();
    }
    expect((await checkInsOf([a.id, failing.id, b.id])).map((c) => c.invitationId)).toEqual([a.id, b.id]);
    // Nothing of the failed item was kept (its savepoint rolled back, the scan log row too).
    expect(await handle.db.select().from(scanLog).where(eq(scanLog.nonce, items[1].nonce))).toHaveLength(0);
    const again = await recordBatch(handle.db, scanner, await site(), items, minutes(11));
    expect(again.map((o) => (o.ok && "result" in o ? o.result.verdict : "error"))).toEqual(["ok", "ok", "ok"]);
    expect(await checkInsOf([a.id, failing.id, b.id])).toHaveLength(3);
  });
});
