/**
 * What the two engines write differently, in one place (decision 0037). The queries in lib/ are
 * written once, with drizzle's builders; where they need SQL of their own that SQLite and
 * PostgreSQL spell differently, they take it from here. The engine is the process's
 * (db/engine.ts), like the tables of db/schema.ts.
 */
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { databaseEngine } from "./engine";
import { errorAndCauses } from "./postgres";

const onPostgres = () => databaseEngine() === "postgres";

/** Runs a statement that returns no rows (drizzle calls it `run` on SQLite, `execute` on PostgreSQL). */
export async function runStatement(db: object, statement: SQL): Promise<void> {
  if (onPostgres()) await (db as { execute(query: SQL): Promise<unknown> }).execute(statement);
  else await (db as { run(query: SQL): Promise<unknown> }).run(statement);
}

/**
 * A time column as epoch milliseconds, for arithmetic (a slot of the live counter, the distance to
 * now): SQLite stores them so; PostgreSQL's timestamptz is converted.
 */
export function epochMillis(column: SQLWrapper): SQL<number> {
  return onPostgres() ? sql<number>`(extract(epoch from ${column}) * 1000)::bigint`.mapWith(Number) : sql<number>`${column}`.mapWith(Number);
}

/**
 * `column LIKE pattern` with `\` escaping and case ignored: SQLite's LIKE ignores the case of ASCII
 * letters; PostgreSQL's is exact, its ILIKE ignores case (of every letter). Patterns come from
 * lib/text/fold.ts or the user's text with % and _ escaped.
 */
export function likeIgnoringCase(column: SQLWrapper, pattern: string): SQL {
  return onPostgres() ? sql`${column} ilike ${pattern} escape '\\'` : sql`${column} like ${pattern} escape '\\'`;
}

/** What the health check shows an admin about the engine: SQLite's journal mode (WAL expected), or PostgreSQL's version. */
export async function engineDetails(db: object): Promise<{ engine: "sqlite"; journalMode: string } | { engine: "postgres"; version: string }> {
  if (onPostgres()) {
    const result = await (db as { execute(query: SQL): Promise<{ rows: { server_version: string }[] }> }).execute(sql`show server_version`);
    return { engine: "postgres", version: String(result.rows[0]?.server_version ?? "") };
  }
  const client = (db as { $client: { pragma(source: string, options: { simple: true }): unknown } }).$client;
  return { engine: "sqlite", journalMode: String(client.pragma("journal_mode", { simple: true })) };
}

/**
 * An expression to sort by code point, as SQLite's binary collation does: on PostgreSQL `collate "C"` (a
 * linguistic collation of the database's locale would ignore separators and punctuation, decision 0026).
 */
export function inBinaryOrder(expression: SQLWrapper): SQL {
  return onPostgres() ? sql`${expression} collate "C"` : sql`${expression}`;
}

/**
 * Whether `error` is the database refusing a row that a unique index `index` already holds: SQLite's
 * SQLITE_CONSTRAINT_UNIQUE naming the index, PostgreSQL's 23505 on that constraint (drizzle wraps the
 * driver's error: its `cause`).
 */
export function isUniqueViolation(error: unknown, index: string): boolean {
  for (const e of errorAndCauses(error)) {
    if (e.code === "23505" && e.constraint === index) return true;
    if (e.code === "SQLITE_CONSTRAINT_UNIQUE" && typeof e.message === "string" && e.message.includes(index)) return true;
  }
  return false;
}

export { isTransactionConflict } from "./postgres";

/**
 * A time as a placeholder value where drizzle does not map it through a column (a comparison's
 * placeholder, an expression): epoch milliseconds on SQLite, a Date on PostgreSQL. null stays null.
 */
export function boundTime(at: Date | number | null): number | Date | null {
  if (at === null) return null;
  return onPostgres() ? new Date(at) : typeof at === "number" ? at : at.getTime();
}
