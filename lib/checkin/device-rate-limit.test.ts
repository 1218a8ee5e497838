/**
 * The flood guard counts a device's scans on every server: two connections to one file stand for two
 * app servers behind a load balancer (docs/decisions/0035, stateless servers).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, firstRow, openDatabase, writerForSetup, type Db } from "@/db/client";
import { scanLog, users } from "@/db/schema";
import { createDemoDb } from "@/lib/testing/test-db";
import { isFlooding } from "./device-rate-limit";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
let otherServer: Db;
let scannerId: number;
let adminId: number;
const NOW = Date.parse("2026-11-28T03:00:00Z");
let nonce = 0;

/** Scans logged by "the other server" for a device, `ageMs` before NOW. */
async function logScans(deviceId: string, userId: number, n: number, ageMs: number) {
  const rows = Array.from({ length: n }, () => ({
    nonce: `flood-${++nonce}`,
    token: "x",
    verdict: "unknown" as const,
    method: "camera" as const,
    deviceId,
    userId,
    scannedAt: new Date(NOW - ageMs),
    receivedAt: new Date(NOW - ageMs),
  }));
  await writerForSetup(otherServer).insert(scanLog).values(rows);
}

beforeAll(async () => {
  handle = await createDemoDb();
  otherServer = openDatabase(handle.file);
  scannerId = (await firstRow(handle.db.select({ id: users.id }).from(users).where(eq(users.username, "diemdanh"))))!.id;
  adminId = (await firstRow(handle.db.select({ id: users.id }).from(users).where(eq(users.username, "admin"))))!.id;
});
afterAll(async () => {
  await closeDatabase(otherServer);
  await handle.cleanup();
});

describe("the flood guard", () => {
  it("counts the scans another server logged for the device in the last second, from this server's second scan of it", async () => {
    await logScans("may-lu", scannerId, 30, 400);
    // The device's first scan on this server in this second asks nothing: a door scans every few seconds.
    expect(await isFlooding(handle.db, scannerId, "may-lu", NOW)).toBe(false);
    expect(await isFlooding(handle.db, scannerId, "may-lu", NOW + 1)).toBe(true);
  });

  it("lets a device under the limit through, and does not count older scans or another account's", async () => {
    // Each asked twice in the second, so that the second call reads the database.
    const twice = async (deviceId: string) => [
      await isFlooding(handle.db, scannerId, deviceId, NOW),
      await isFlooding(handle.db, scannerId, deviceId, NOW + 1),
    ];
    await logScans("may-vua", scannerId, 29, 400);
    expect(await twice("may-vua")).toEqual([false, false]);
    await logScans("may-cu", scannerId, 40, 1500);
    expect(await twice("may-cu")).toEqual([false, false]);
    await logScans("may-chung", adminId, 40, 100);
    expect(await twice("may-chung")).toEqual([false, false]);
  });

  it("counts this server's own scans of the second before they are logged (the group commit's batch)", async () => {
    const calls = await Promise.all(Array.from({ length: 31 }, () => isFlooding(handle.db, scannerId, "may-dot", NOW + 2000)));
    expect(calls.filter(Boolean)).toHaveLength(1);
    expect(calls[30]).toBe(true);
  });
});
