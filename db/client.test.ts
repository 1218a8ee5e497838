/**
 * The write lane (docs/decisions/0036): transactions that await do not interleave, the app's handle
 * cannot write, a helper's transaction inside one is a savepoint, and a transaction opened on the
 * outer handle inside one is refused at once. Real SQLite files.
 */
import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "@/lib/testing/test-db";
import { changedRows, firstRow, returnedRow, transaction, writerForSetup, type Db } from "./client";
import { appSettings } from "./schema";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let db: Db;
const tick = () => new Promise((resolve) => setImmediate(resolve));
const settings = async () => (await db.select().from(appSettings).orderBy(appSettings.key)).map((r) => `${r.key}=${r.value}`);

beforeEach(async () => {
  handle = await createTestDb();
  db = handle.db;
  await writerForSetup(db).delete(appSettings);
});
afterEach(() => handle.cleanup());

describe("the write lane", () => {
  it("runs transactions one after another, even when they await in the middle", async () => {
    const steps: string[] = [];
    const write = (name: string) =>
      transaction(db, async (tx) => {
        steps.push(`${name} begins`);
        await tx.insert(appSettings).values({ key: name, value: "1" });
        await tick(); // other requests run here
        await tick();
        steps.push(`${name} ends`);
      });
    await Promise.all([write("a"), write("b"), write("c")]);
    expect(steps).toEqual(["a begins", "a ends", "b begins", "b ends", "c begins", "c ends"]);
    expect(await settings()).toEqual(["a=1", "b=1", "c=1"]);
  });

  it("keeps a transaction's rows from readers until it commits, and drops them when it throws", async () => {
    let seenInside: string[] = [];
    const failing = transaction(db, async (tx) => {
      await tx.insert(appSettings).values({ key: "half", value: "done" });
      seenInside = (await tx.select().from(appSettings)).map((r) => r.key);
      expect(await settings()).toEqual([]); // another request reads while this one waits
      throw new Error("stop");
    });
    await expect(failing).rejects.toThrow("stop");
    expect(seenInside).toEqual(["half"]);
    expect(await settings()).toEqual([]);
    // The lane goes on after a failure.
    await transaction(db, (tx) => tx.insert(appSettings).values({ key: "after", value: "1" }));
    expect(await settings()).toEqual(["after=1"]);
  });

  it("refuses a write on the app's handle (read-only connection), outside any transaction", () => {
    expect(() => db.$client.prepare("insert into app_settings (key, value) values ('x', 'y')").run()).toThrow(/readonly/);
  });

  it("makes a helper's transaction inside one a savepoint: its failure undoes its own part only", async () => {
    await transaction(db, async (tx) => {
      await tx.insert(appSettings).values({ key: "outer", value: "1" });
      await expect(
        transaction(tx, async (inner) => {
          await inner.insert(appSettings).values({ key: "inner", value: "1" });
          throw new Error("inner fails");
        }),
      ).rejects.toThrow("inner fails");
      await transaction(tx, (inner) => inner.insert(appSettings).values({ key: "second", value: "1" }));
    });
    expect(await settings()).toEqual(["outer=1", "second=1"]);
  });

  it("refuses at once a transaction opened on the outer handle inside one (it would wait for itself)", async () => {
    await expect(transaction(db, () => transaction(db, () => "never"))).rejects.toThrow(/outer handle inside a transaction/);
  });

  it("lets a callback scheduled inside a transaction open its own once that one has ended", async () => {
    let later: Promise<string> | undefined;
    await transaction(db, () => {
      later = new Promise((resolve, reject) => setTimeout(() => void transaction(db, () => "later").then(resolve, reject), 10));
    });
    await expect(later).resolves.toBe("later");
  });

  it("gives the first row, the returned row and the changed count the same way on both engines", async () => {
    const inserted = await transaction(db, (tx) => returnedRow(tx.insert(appSettings).values({ key: "k", value: "v" }).returning()));
    expect(inserted).toMatchObject({ key: "k", value: "v" });
    expect(await firstRow(db.select().from(appSettings).where(eq(appSettings.key, "none")))).toBeUndefined();
    const changed = await transaction(db, async (tx) => changedRows(await tx.update(appSettings).set({ value: "w" }).where(eq(appSettings.key, "k"))));
    expect(changed).toBe(1);
    expect((await firstRow(db.select({ n: count() }).from(appSettings)))!.n).toBe(1);
  });
});
