import { databaseEngine } from "@/db/engine";
import { firstRow, writerForSetup } from "@/db/client";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { people, units, users } from "@/db/schema";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { createDemoDb } from "@/lib/testing/test-db";
import { foldForSearch } from "@/lib/text/fold";
import { compareNames, nameParts, nameSortKey } from "./name-order";
import { listPeople, PEOPLE_PAGE_SIZE } from "./people";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
let admin: SessionUser;

beforeAll(async () => {
  handle = await createDemoDb();
  const row = (await firstRow(handle.db.select().from(users).where(eq(users.username, "admin"))))!;
  admin = (await loadSessionUser(handle.db, row.id, row.sessionVersion))!;
});
afterAll(() => handle.cleanup());

const sorted = (names: string[]) => [...names].sort((a, b) => compareNames(foldForSearch(a), foldForSearch(b)));

/** Every page of the directory for a filter, in order. */
async function allPages(filters: Parameters<typeof listPeople>[2]) {
  const { total } = await listPeople(handle.db, admin, { ...filters, page: 1 });
  const out: { id: number; fullName: string }[] = [];
  for (let page = 1; (page - 1) * PEOPLE_PAGE_SIZE < total; page++) out.push(...(await listPeople(handle.db, admin, { ...filters, page })).rows);
  return { total, rows: out };
}

describe("the Vietnamese order of names", () => {
  it("takes the given name, then the middle name, then the family name", () => {
    expect(nameParts("nguyen thi anh tuyet")).toEqual(["tuyet", "thi anh", "nguyen"]);
    expect(nameParts("le an")).toEqual(["an", "", "le"]);
    expect(nameParts("  h'hen  ")).toEqual(["h'hen", "", ""]);
    expect(sorted(["Trần Văn Bình", "Nguyễn Thị Bình", "Lê Văn An", "Nguyễn Văn An", "Đinh Thị Ánh", "Võ Thị Anh"])).toEqual([
      "Lê Văn An",
      "Nguyễn Văn An",
      // "anh": folded, Ánh and Anh are the same word; then the middle (thi = thi), then the family name.
      "Đinh Thị Ánh",
      "Võ Thị Anh",
      "Nguyễn Thị Bình",
      "Trần Văn Bình",
    ]);
    // A shorter given or middle name comes first ("an" before "anh"; "Thị" before "Thị Ánh").
    expect(sorted(["Phạm Thị Ánh Bình", "Phạm Thị Bình", "Lê Văn Anh", "Lê Văn An"])).toEqual([
      "Lê Văn An",
      "Lê Văn Anh",
      "Phạm Thị Bình",
      "Phạm Thị Ánh Bình",
    ]);
    expect(nameSortKey(null)).toBe(nameSortKey(""));
  });

  it("orders the directory so, page after page, with every person exactly once", async () => {
    const { total, rows } = await allPages({});
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.id)).size).toBe(total);
    const stored = await handle.db.select({ id: people.id, searchName: people.searchName }).from(people);
    const expected = stored.sort((a, b) => compareNames(a.searchName, b.searchName) || a.id - b.id).map((p) => p.id);
    expect(rows.map((r) => r.id)).toEqual(expected);
    // Not by family name any more: the first page holds many family names.
    expect(new Set(rows.slice(0, PEOPLE_PAGE_SIZE).map((r) => r.fullName.split(" ")[0])).size).toBeGreaterThan(3);
  });

  it("keeps the order and the paging with a filter", async () => {
    const baTo = (await firstRow(handle.db.select().from(units).where(eq(units.code, "535"))))!.id;
    const { total, rows } = await allPages({ unitId: baTo, q: "thi" });
    expect(total).toBeGreaterThan(PEOPLE_PAGE_SIZE);
    expect(new Set(rows.map((r) => r.id)).size).toBe(total);
    expect(rows.map((r) => r.fullName)).toEqual(sorted(rows.map((r) => r.fullName)));
  });

  it("never fails on odd text in a stored name", async () => {
    const unitId = (await firstRow(handle.db.select().from(units).where(eq(units.code, "535"))))!.id;
    // A NUL only on SQLite (an old file may hold one): PostgreSQL's text cannot, and the forms drop it (lib/schemas/text.ts).
    const odd = ['"', "\\", ...(databaseEngine() === "sqlite" ? ["a\u0000b"] : []), "x\ny z", "", "   ", "{]", "' or 1=1 --"];
    for (const text of odd)
      await writerForSetup(handle.db)
        .insert(people)
        .values({ fullName: text || "?", searchName: text, position: "", workplace: "", unitId });
    await expect(allPages({ unitId })).resolves.toBeDefined();
  });
});
