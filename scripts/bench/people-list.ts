/**
 * `npm run bench:people`: the directory's pages on 50,000 people (docs/decisions/0026), sorted the
 * Vietnamese way (given name, middle, family: lib/people/name-order.ts, a key computed per row
 * by the SQL function name_sort_key, no stored column) against the old order by search_name
 * (an index). Prints the
 * median and worst time of a page: the first, one in the middle, the last, and a search.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { firstRow, closeDatabase, migrateDatabase, openDatabase, transaction, writerForSetup } from "@/db/client";
import { seedDemo } from "@/db/seed";
import { FAMILY_NAMES, FEMALE_GIVEN, FEMALE_MIDDLE, MALE_GIVEN, MALE_MIDDLE } from "@/db/seed-data";
import { people, units, users } from "@/db/schema";
import { loadSessionUser } from "@/lib/auth/session-user";
import { nameOrderBy } from "@/lib/people/name-order";
import { listPeople, PEOPLE_PAGE_SIZE } from "@/lib/people/people";
import { foldForSearch } from "@/lib/text/fold";

const TOTAL = 50_000;
// The demo's own name lists (db/seed-data.ts), one name in seven with two middle names.
const FAMILY = FAMILY_NAMES.map(([name]) => name);
const MIDDLE = [...MALE_MIDDLE, ...FEMALE_MIDDLE];
const GIVEN = [...MALE_GIVEN, ...FEMALE_GIVEN];

async function time(fn: () => Promise<unknown>, runs = 15) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return `median ${ms[Math.floor(ms.length / 2)].toFixed(1)} ms, worst ${ms[ms.length - 1].toFixed(1)} ms`;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-bench-people-"));
  const db = openDatabase(path.join(dir, "bench.db"));
  try {
    await migrateDatabase(db);
    await seedDemo(db);
    const unitId = (await firstRow(db.select().from(units).where(eq(units.code, "535"))))!.id;
    const existing = db.$count(people);
    const rows = Array.from({ length: TOTAL - (await existing) }, (_, i) => {
      const middle = i % 7 === 0 ? `${MIDDLE[(i * 7) % MIDDLE.length]} ${GIVEN[(i * 5) % GIVEN.length]}` : MIDDLE[(i * 7) % MIDDLE.length];
      const fullName = `${FAMILY[(i * 3) % FAMILY.length]} ${middle} ${GIVEN[(i * 11) % GIVEN.length]}`;
      return {
        fullName,
        searchName: foldForSearch(fullName),
        position: "Chuyên viên",
        workplace: "UBND xã",
        unitId,
        category: "",
        phone: null,
        externalCode: `BENCH-${i}`,
      };
    });
    await transaction(db, async (tx) => {
      for (let i = 0; i < rows.length; i += 1000) await tx.insert(people).values(rows.slice(i, i + 1000));
    });
    writerForSetup(db).$client.pragma("optimize");
    const admin = (await firstRow(db.select().from(users).where(eq(users.username, "admin"))))!;
    const user = (await loadSessionUser(db, admin.id, admin.sessionVersion))!;
    const pages = Math.ceil((await db.$count(people)) / PEOPLE_PAGE_SIZE);
    console.log(`${await db.$count(people)} people, ${pages} pages of ${PEOPLE_PAGE_SIZE}`);

    // The old order, by the search_name index, for comparison (the same query otherwise).
    const oldPage = async (page: number) =>
      await db
        .select({ id: people.id, fullName: people.fullName })
        .from(people)
        .innerJoin(units, eq(units.id, people.unitId))
        .orderBy(asc(people.searchName), asc(people.id))
        .limit(PEOPLE_PAGE_SIZE)
        .offset((page - 1) * PEOPLE_PAGE_SIZE);
    const newPage = async (page: number) =>
      await db
        .select({ id: people.id, fullName: people.fullName })
        .from(people)
        .innerJoin(units, eq(units.id, people.unitId))
        .orderBy(nameOrderBy(people.searchName), asc(people.id))
        .limit(PEOPLE_PAGE_SIZE)
        .offset((page - 1) * PEOPLE_PAGE_SIZE);
    for (const [label, page] of [
      ["first page", 1],
      ["middle page", Math.ceil(pages / 2)],
      ["last page", pages],
    ] as const) {
      console.log(`${label.padEnd(12)} old (index on search_name): ${await time(async () => await oldPage(page))}`);
      console.log(`${label.padEnd(12)} new (given, middle, family): ${await time(async () => await newPage(page))}`);
    }
    console.log(`listPeople, page 1 (count + page):           ${await time(async () => await listPeople(db, user, { page: 1 }))}`);
    console.log(`listPeople, search "thi" (count + page 1):   ${await time(async () => await listPeople(db, user, { q: "thi", page: 1 }))}`);
    console.log(`listPeople, one unit (Ba Tơ, page 1):        ${await time(async () => await listPeople(db, user, { unitId, page: 1 }))}`);
    const first = (await listPeople(db, user, { page: 1 })).rows.slice(0, 5).map((r) => r.fullName);
    console.log(`first names on page 1: ${first.join(", ")}`);
  } finally {
    await closeDatabase(db);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
