import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkIns, conferences, invitations, scanLog, sites, users } from "@/db/schema";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { createDemoDb } from "@/lib/testing/test-db";
import { recordBatch } from "./record-batch";
import { recordScan } from "./record-scan";
import { scanStatements } from "./scan-statements";

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
const site = () => scanStatements(handle.db).siteWithConference.get({ siteId })!;

beforeAll(async () => {
  handle = await createDemoDb(SEEDED);
  const practice = handle.db.select().from(conferences).where(isNull(conferences.requirementId)).get()!;
  siteId = handle.db.select().from(sites).where(eq(sites.conferenceId, practice.id)).get()!.id;
  rows = handle.db
    .select({ id: invitations.id, token: invitations.token })
    .from(invitations)
    .where(eq(invitations.conferenceId, practice.id))
    .orderBy(asc(invitations.id))
    .all() as typeof rows;
  scanner = loadSessionUser(handle.db, handle.db.select().from(users).where(eq(users.username, "diemdanh")).get()!.id, 1)!;
});
afterAll(() => handle.cleanup());

const checkInsOf = (ids: number[]) => handle.db.select().from(checkIns).where(inArray(checkIns.invitationId, ids)).all();

describe("offline queue sync", () => {
  it("records a queue with a local duplicate: two check-ins and one duplicate row; resending changes nothing", () => {
    const items = [item(rows[0].token, "may-a", minutes(1)), item(rows[1].token, "may-a", minutes(2)), item(rows[0].token, "may-a", minutes(3))];
    const first = recordBatch(handle.db, scanner, site(), items, minutes(10));
    expect(first.map((o) => (o.ok && "result" in o ? o.result.verdict : "error"))).toEqual(["ok", "ok", "duplicate"]);
    expect(checkInsOf([rows[0].id, rows[1].id]).map((c) => [c.deviceId, c.scannedAt.getTime(), c.wasOffline])).toEqual([
      ["may-a", minutes(1).getTime(), true],
      ["may-a", minutes(2).getTime(), true],
    ]);
    const logs = handle.db.select({ n: count() }).from(scanLog).get()!.n;
    const again = recordBatch(handle.db, scanner, site(), items, minutes(11));
    expect(again.map((o) => (o.ok && "result" in o ? o.result.verdict : "error"))).toEqual(["ok", "ok", "duplicate"]);
    expect(handle.db.select({ n: count() }).from(scanLog).get()!.n).toBe(logs);
  });

  it("earliest device time wins: a later sync of an earlier scan takes the check-in, the other becomes a duplicate with both times", () => {
    const token = rows[2].token;
    recordBatch(handle.db, scanner, site(), [item(token, "may-b", minutes(5))], minutes(20));
    const outcome = recordBatch(handle.db, scanner, site(), [item(token, "may-c", minutes(4))], minutes(21));
    expect(outcome[0]).toMatchObject({ ok: true, result: { verdict: "ok" } });
    const [checkIn] = checkInsOf([rows[2].id]);
    expect([checkIn.deviceId, checkIn.scannedAt.getTime()]).toEqual(["may-c", minutes(4).getTime()]);
    const log = handle.db.select().from(scanLog).where(eq(scanLog.invitationId, rows[2].id)).orderBy(asc(scanLog.id)).all();
    expect(log.map((l) => [l.deviceId, l.verdict, l.scannedAt.getTime(), l.firstDeviceId, l.firstScannedAt?.getTime() ?? null])).toEqual([
      ["may-b", "duplicate", minutes(5).getTime(), "may-c", minutes(4).getTime()],
      ["may-c", "ok", minutes(4).getTime(), null, null],
    ]);
  });

  it("a later device time stays a duplicate of the check-in on record", () => {
    const token = rows[3].token;
    recordBatch(handle.db, scanner, site(), [item(token, "may-b", minutes(5))], minutes(20));
    const outcome = recordBatch(handle.db, scanner, site(), [item(token, "may-c", minutes(6))], minutes(21));
    expect(outcome[0]).toMatchObject({ ok: true, result: { verdict: "duplicate", firstCheckIn: { deviceId: "may-b" } } });
    expect(checkInsOf([rows[3].id]).map((c) => c.deviceId)).toEqual(["may-b"]);
    const dup = handle.db
      .select()
      .from(scanLog)
      .where(and(eq(scanLog.invitationId, rows[3].id), eq(scanLog.verdict, "duplicate")))
      .get()!;
    expect([dup.deviceId, dup.firstDeviceId, dup.firstScannedAt?.getTime()]).toEqual(["may-c", "may-b", minutes(5).getTime()]);
  });

  it("a live (online) scan is never taken over by device clocks: first come, first in", () => {
    const token = rows[4].token;
    recordScan(handle.db, scanner.id, { token, siteId, deviceId: "may-b", nonce: nonce(), scannedAt: minutes(5), method: "camera" }, minutes(5));
    const live = recordScan(handle.db, scanner.id, { token, siteId, deviceId: "may-c", nonce: nonce(), scannedAt: minutes(4), method: "camera" }, minutes(6));
    expect(live.verdict).toBe("duplicate");
    expect(checkInsOf([rows[4].id]).map((c) => c.deviceId)).toEqual(["may-b"]);
  });

  it("walk-ins and hand-picked guests sync too; a broken item is reported and the rest recorded", () => {
    const walkInNonce = nonce();
    const outcome = recordBatch(
      handle.db,
      scanner,
      site(),
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
    expect(checkInsOf([rows[5].id])[0].method).toBe("manual");
    const walkIn = handle.db.select().from(scanLog).where(eq(scanLog.nonce, walkInNonce)).get()!;
    expect(walkIn.verdict).toBe("ok");
  });

  it("a database error on one item fails that item alone: the rest are saved, and the failed one goes through once resent", () => {
    const [a, failing, b] = [rows[10], rows[11], rows[12]];
    const items = [item(a.token, "may-d", minutes(1)), item(failing.token, "may-d", minutes(2)), item(b.token, "may-d", minutes(3))];
    const sqlite = handle.db.$client;
    sqlite.exec(
      `CREATE TEMP TRIGGER fail_one_check_in BEFORE INSERT ON check_ins WHEN NEW.invitation_id = ${failing.id} BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
    );
    try {
      const outcome = recordBatch(handle.db, scanner, site(), items, minutes(10));
      expect(outcome[0]).toMatchObject({ ok: true, result: { verdict: "ok" } });
      expect(outcome[1]).toMatchObject({ ok: false, nonce: items[1].nonce, error: "failed", message: expect.stringContaining("Thử lại") });
      expect(outcome[2]).toMatchObject({ ok: true, result: { verdict: "ok" } });
    } finally {
      sqlite.exec("DROP TRIGGER fail_one_check_in");
    }
    expect(checkInsOf([a.id, failing.id, b.id]).map((c) => c.invitationId)).toEqual([a.id, b.id]);
    // Nothing of the failed item was kept (its savepoint rolled back, the scan log row too).
    expect(handle.db.select().from(scanLog).where(eq(scanLog.nonce, items[1].nonce)).all()).toHaveLength(0);
    const again = recordBatch(handle.db, scanner, site(), items, minutes(11));
    expect(again.map((o) => (o.ok && "result" in o ? o.result.verdict : "error"))).toEqual(["ok", "ok", "ok"]);
    expect(checkInsOf([a.id, failing.id, b.id])).toHaveLength(3);
  });
});
