/**
 * The Vietnamese order of people's names: by given name (the last word), then the middle name,
 * then the family name — "Lê Văn An", "Nguyễn Thị Bình", "Trần Văn Bình" — as Vietnamese lists
 * are sorted (docs/decisions/0026: the directory was sorted by family name, so every Nguyễn came together).
 * Compared folded (people.search_name: lower case, no diacritics, single spaces), so "Ánh" and
 * "anh" sort together whatever the keyboard sent.
 *
 * The key is computed per row, in SQL, by `name_sort_key(search_name)`: this function, registered
 * on every connection by db/client.ts. No stored column or index (the schema is not changed).
 * Measured on 50,000 people (`npm run bench:people`, docs/benchmarks.md): about 40 ms a page on
 * this 2-core machine, against 80–400 ms for the same key built from SQLite's rtrim/replace/json
 * functions, which also fail or slow down on odd text. On PostgreSQL (the growth path, docs/decisions/0035) the
 * same function is created by db/migrations-pg/0002_name_sort_key.sql (plpgsql, immutable, parallel safe: the same
 * words and the same key, checked against `nameSortKey` on the demo's names and odd ones by
 * db/postgres-name-order.test.ts), and nothing is registered. There the key must be compared byte by byte, as SQLite's
 * binary collation does: `order by name_sort_key(x) collate "C"` (a linguistic collation ignores the separator and
 * puts "le anh" before "le an"); `nameOrderBy` adds it there (db/dialect.ts, inBinaryOrder; SQLite knows no "C" collation).
 */
import { asc, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { inBinaryOrder } from "@/db/dialect";

/** The SQL function's name, as db/client.ts registers it. */
export const NAME_SORT_KEY_FUNCTION = "name_sort_key";

/** Separates the parts of a key: below every character a name can hold, so a shorter part sorts first ("thi" before "thi anh"). */
const SEPARATOR = "\u0001";

/** [given, middle, family] of a folded name ("nguyen thi anh tuyet" → ["tuyet", "thi anh", "nguyen"]). */
export function nameParts(folded: string): [string, string, string] {
  const words = folded.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return ["", "", ""];
  if (words.length === 1) return [words[0], "", ""];
  return [words[words.length - 1], words.slice(1, -1).join(" "), words[0]];
}

/** One string that sorts (by code unit, SQLite's binary collation) as given, then middle, then family. */
export function nameSortKey(folded: unknown): string {
  return nameParts(typeof folded === "string" ? folded : String(folded ?? "")).join(SEPARATOR);
}

/** Compares two folded names in the Vietnamese order, exactly as the SQL key does. */
export function compareNames(a: string, b: string): number {
  const ka = nameSortKey(a);
  const kb = nameSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** ORDER BY for a folded-name column (people.search_name). Add a unique column after it for stable paging. */
export function nameOrderBy(folded: AnyColumn | SQL): SQL {
  return asc(inBinaryOrder(sql`${sql.raw(NAME_SORT_KEY_FUNCTION)}(${folded})`));
}

/** Registers the key on a better-sqlite3 connection (db/client.ts does, for every connection it opens). */
export function registerNameSortKey(sqlite: { function(name: string, options: { deterministic: boolean }, fn: (value: unknown) => string): unknown }): void {
  sqlite.function(NAME_SORT_KEY_FUNCTION, { deterministic: true }, nameSortKey);
}
