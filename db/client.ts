/**
 * Opens the SQLite database. A plain module (no "server-only") so that scripts
 * and tests can use it; the app imports db/index.ts instead.
 * Everything SQLite-specific (pragmas, file handling, migrations, the SQL functions the
 * queries use: name_sort_key, lib/people/name-order.ts) stays in db/.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { env } from "@/lib/env";
import { registerNameSortKey } from "@/lib/people/name-order";
import { normalizeStoredTextOnce } from "./normalize-text";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export function defaultDatabasePath(): string {
  return path.resolve(/*turbopackIgnore: true*/ env().DATABASE_PATH);
}

/** Opens (creating if needed) a database file with the pragmas the app relies on. */
export function openDatabase(file: string = defaultDatabasePath()): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // NORMAL in WAL mode survives a process crash (kill -9) without losing committed
  // transactions; only an OS crash or power cut can lose the last few. SQLITE_SYNCHRONOUS=FULL
  // for a server without a UPS (docs/decisions/0011-crash-safety.md); lib/env.ts refuses any other value.
  sqlite.pragma(`synchronous = ${env().SQLITE_SYNCHRONOUS}`);
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  registerNameSortKey(sqlite);
  return drizzle({ client: sqlite, schema }) as Db;
}

/**
 * A second, read-only connection, for a long read that yields between rows (a
 * streamed export): the app's own connection stays free for everyone else, and
 * WAL gives the reader one consistent snapshot. Close it when done.
 */
export function openReadOnlyDatabase(file: string = defaultDatabasePath()): Db {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  registerNameSortKey(sqlite);
  return drizzle({ client: sqlite, schema }) as Db;
}

/**
 * The schema migrations, then the one-off data steps (each recorded in app_settings, run once).
 *
 * Foreign keys are off while the migrations run: a migration that rebuilds a
 * table others refer to (SQLite's way to change a column's constraint) would
 * otherwise fail at its DROP TABLE, and drizzle runs all pending migrations in
 * one transaction, where `PRAGMA foreign_keys` has no effect. The whole
 * database is checked afterwards, and a violation stops the start.
 */
export function migrateDatabase(db: Db): void {
  db.$client.pragma("foreign_keys = OFF");
  try {
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    db.$client.pragma("foreign_keys = ON");
  }
  const violations = db.$client.pragma("foreign_key_check") as unknown[];
  if (violations.length > 0) throw new Error(`Migration left ${violations.length} rows that break a foreign key: ${JSON.stringify(violations.slice(0, 5))}`);
  normalizeStoredTextOnce(db);
}

/**
 * A write transaction that takes the write lock at its start (BEGIN IMMEDIATE),
 * so that concurrent processes queue on busy_timeout instead of failing to
 * upgrade a read lock. Uses the driver's own transaction: no SQL is built per call.
 */
export function immediateTransaction<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}
