import { like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writerForSetup } from "@/db/client";
import { scanLog, sites, users } from "@/db/schema";
import { createDemoDb } from "@/lib/testing/test-db";
import { insertAllOrNothing, insertJsonRowsTogether } from "./json-rows";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
beforeAll(async () => {
  handle = await createDemoDb();
});
afterAll(() => handle.cleanup());

const AT = new Date("2026-12-06T09:15:30.123Z");

/** A scan-log row of the demo's first site and user, by its nonce. */
async function plainLogRow() {
  const [site] = await handle.db.select({ id: sites.id }).from(sites).limit(1);
  const [user] = await handle.db.select({ id: users.id }).from(users).limit(1);
  return (nonce: string): typeof scanLog.$inferInsert => ({
    nonce,
    token: nonce,
    siteId: site.id,
    verdict: "unknown",
    method: "camera",
    deviceId: "may-1",
    userId: user.id,
    scannedAt: AT,
    receivedAt: AT,
    wasOffline: false,
  });
}

describe("rows inserted as one JSON parameter", () => {
  it("stores every kind of value as drizzle's own insert would: dates to the millisecond, booleans, nulls, Vietnamese text and quotes", async () => {
    const writer = writerForSetup(handle.db);
    const [site] = await handle.db.select({ id: sites.id }).from(sites).limit(1);
    const [user] = await handle.db.select({ id: users.id }).from(users).limit(1);
    const row = (nonce: string, over: Partial<typeof scanLog.$inferInsert> = {}): typeof scanLog.$inferInsert => ({
      nonce,
      token: `Nguyễn Văn "Ánh" 'Đ' \\ ${nonce}`,
      invitationId: null,
      conferenceId: null,
      siteId: site.id,
      verdict: "duplicate",
      method: "hardware",
      deviceId: "máy-1",
      userId: user.id,
      scannedAt: AT,
      receivedAt: new Date(AT.getTime() + 1),
      wasOffline: true,
      firstDeviceId: null,
      firstScannedAt: null,
      ...over,
    });
    await writer
      .insert(scanLog)
      .values([row("json-rows-builder-1"), row("json-rows-builder-2", { wasOffline: false, firstScannedAt: AT, firstDeviceId: "máy-2" })]);
    const inserted = await insertJsonRowsTogether(writer, [
      { table: scanLog, rows: [row("json-rows-json-1"), row("json-rows-json-2", { wasOffline: false, firstScannedAt: AT, firstDeviceId: "máy-2" })] },
    ]);
    expect(inserted).toEqual([2]);

    const read = async (prefix: string) =>
      (
        await handle.db
          .select()
          .from(scanLog)
          .where(like(scanLog.nonce, `${prefix}%`))
          .orderBy(scanLog.nonce)
      ).map(({ id, nonce, token, ...rest }) => ({
        ...rest,
        token: token.replace(nonce, ""),
        id: typeof id,
      }));
    expect(await read("json-rows-json-")).toEqual(await read("json-rows-builder-"));
    const [first] = await handle.db.select().from(scanLog).where(like(scanLog.nonce, "json-rows-json-1"));
    expect(first.scannedAt).toEqual(AT);
    expect(first.wasOffline).toBe(true);
    expect(first.firstScannedAt).toBeNull();
  });

  it("skips rows a unique index already holds and says how many went in, per table", async () => {
    const writer = writerForSetup(handle.db);
    const row = await plainLogRow();
    expect(await insertJsonRowsTogether(writer, [{ table: scanLog, rows: [row("json-rows-twice-1")] }])).toEqual([1]);
    expect(await insertJsonRowsTogether(writer, [{ table: scanLog, rows: [row("json-rows-twice-1"), row("json-rows-twice-2")] }])).toEqual([1]);
    expect(await insertJsonRowsTogether(writer, [{ table: scanLog, rows: [] }])).toEqual([0]);
  });

  it("writes every row or none without a transaction of the caller's: one row a unique index holds, and the others stay out too", async () => {
    const row = await plainLogRow();
    const held = async () =>
      (await handle.db.select({ nonce: scanLog.nonce }).from(scanLog).where(like(scanLog.nonce, "all-or-none-%")).orderBy(scanLog.nonce)).map((r) => r.nonce);

    expect(
      await insertAllOrNothing(handle.db, [
        { table: scanLog, rows: [row("all-or-none-a")] },
        { table: scanLog, rows: [row("all-or-none-b"), row("all-or-none-c")] },
      ]),
    ).toBe(true);
    expect(await held()).toEqual(["all-or-none-a", "all-or-none-b", "all-or-none-c"]);
    // "b" is held already: "d" and "e", in the same call, are not written either.
    expect(
      await insertAllOrNothing(handle.db, [
        { table: scanLog, rows: [row("all-or-none-d")] },
        { table: scanLog, rows: [row("all-or-none-b"), row("all-or-none-e")] },
      ]),
    ).toBe(false);
    expect(await held()).toEqual(["all-or-none-a", "all-or-none-b", "all-or-none-c"]);
    // The connection that carried the refused statement serves the next one.
    expect(
      await insertAllOrNothing(handle.db, [
        { table: scanLog, rows: [row("all-or-none-f")] },
        { table: scanLog, rows: [] },
      ]),
    ).toBe(true);
    expect(await held()).toEqual(["all-or-none-a", "all-or-none-b", "all-or-none-c", "all-or-none-f"]);
  });
});
