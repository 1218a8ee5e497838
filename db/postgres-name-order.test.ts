/**
 * The name order on PostgreSQL (docs/decisions/0026, 0035): the SQL function `name_sort_key` of db/migrations-pg
 * (0002_name_sort_key) gives the same key as the JavaScript `nameSortKey` that SQLite calls (lib/people/name-order.ts),
 * and `order by name_sort_key(x) collate "C"` gives the order of `compareNames`, on the demo's people and on odd names.
 * A real PostgreSQL (lib/testing/postgres-server.ts) migrated by `migratePostgres`.
 */
import { people } from "@/db/schema";
import { compareNames, nameSortKey } from "@/lib/people/name-order";
import { startPostgres, type PostgresServer } from "@/lib/testing/postgres-server";
import { createDemoDb } from "@/lib/testing/test-db";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratePostgres, openPostgres } from "./postgres";

/** Every whitespace character of JavaScript's trim() and /\s/. */
const JS_SPACES = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

const EDGE_CASES = [
  "",
  " ",
  "     ",
  "an",
  "  an  ",
  "le an",
  " le   van    an ",
  "\tle van\nan\r",
  "le van an",
  "le van anh an",
  "le thi an",
  "nguyen an",
  "tran van an",
  "thi",
  "thi anh",
  "pham thi binh",
  "pham thi anh binh",
  "nguyen thi anh tuyet",
  "nguyen thi tuyet",
  "h'hen nie",
  "ksor h'bloanh",
  "o'neill",
  '"',
  "\\",
  "{]",
  "' or 1=1 --",
  // Not spaces for JavaScript's \s: they stay inside a word.
  "a\u200bb c",
  "a\u0085b c",
  ...[...JS_SPACES].map((space) => `le${space}van${space}${space}an${space}`),
];

let server: PostgresServer;
let pool: pg.Pool;
let names: string[];

beforeAll(async () => {
  server = await startPostgres();
  const postgres = openPostgres(server.url);
  pool = postgres.pool;
  await migratePostgres(postgres.db);
  const demo = await createDemoDb();
  try {
    names = [...(await demo.db.select({ searchName: people.searchName }).from(people)).map((p) => p.searchName), ...EDGE_CASES];
  } finally {
    await demo.cleanup();
  }
});
afterAll(async () => {
  await pool?.end();
  server?.stop();
});

describe("name_sort_key on PostgreSQL", () => {
  it("is immutable and parallel safe", async () => {
    const { rows } = await pool.query("select provolatile, proparallel from pg_proc where proname = 'name_sort_key'");
    expect(rows).toEqual([{ provolatile: "i", proparallel: "s" }]);
  });

  it("gives the JavaScript key for every name, null as the empty name", async () => {
    expect(names.length).toBeGreaterThan(EDGE_CASES.length + 100);
    const { rows } = await pool.query<{ key: string }>("select name_sort_key(n) as key from unnest($1::text[]) with ordinality as t(n, i) order by i", [names]);
    const mismatches = names.map((name, i) => ({ name, sql: rows[i].key, js: nameSortKey(name) })).filter((m) => m.sql !== m.js);
    expect(mismatches).toEqual([]);
    expect((await pool.query("select name_sort_key(null) as key")).rows[0].key).toBe(nameSortKey(null));
  });

  it('sorts with collate "C" as compareNames does', async () => {
    const { rows } = await pool.query<{ i: string }>('select i from unnest($1::text[]) with ordinality as t(n, i) order by name_sort_key(n) collate "C", i', [
      names,
    ]);
    const expected = names.map((name, i) => ({ name, i })).sort((a, b) => compareNames(a.name, b.name) || a.i - b.i);
    expect(rows.map((r) => names[Number(r.i) - 1])).toEqual(expected.map((e) => e.name));
  });

  it('needs collate "C": a linguistic collation ignores chr(1) and puts "le anh" before "le an"', async () => {
    const { rows } = await pool.query<{ n: string }>('select n from unnest($1::text[]) as t(n) order by name_sort_key(n) collate "vi-x-icu"', [
      ["le an", "le anh"],
    ]);
    expect(rows.map((r) => r.n)).toEqual(["le anh", "le an"]);
    expect(["le anh", "le an"].sort(compareNames)).toEqual(["le an", "le anh"]);
  });
});
