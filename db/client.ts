/**
 * Opens the database: the SQLite file (DATABASE_PATH, the default) or PostgreSQL (DATABASE_URL;
 * db/postgres.ts), behind one set of types. A plain module (no "server-only") so that scripts and
 * tests can use it; the app imports db/index.ts instead.
 * Everything engine-specific (pragmas, file handling, the pool, migrations, the SQL functions the
 * queries use: name_sort_key, lib/people/name-order.ts) stays in db/ (decision 0037).
 */
import fs from "node:fs";
import path from "node:path";
import { AsyncLocalStorage } from "node:async_hooks";
import Database, { type RunResult } from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { env } from "@/lib/env";
import { registerNameSortKey } from "@/lib/people/name-order";
import { normalizeStoredTextOnce } from "./normalize-text";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { databaseEngine } from "./engine";
import { isPostgresHandle, migratePostgresDatabase, openPostgresDatabase, closePostgresDatabase, postgresTransaction, withPostgresSetupLock } from "./postgres";
// A SQLite connection always gets SQLite's tables, whichever engine db/schema.ts chose for the app.
import * as schema from "./schema-sqlite";

/**
 * Inside a transaction: reads and writes, awaited. Typed as drizzle's async SQLite database
 * (what a PostgreSQL transaction also offers), although better-sqlite3 answers at once: an awaited
 * query is the same on both engines. Its own `transaction` is left out: `transaction()` below
 * opens one (docs/decisions/0036-async-data-layer.md).
 */
export type Tx = Omit<BaseSQLiteDatabase<"async", RunResult, typeof schema>, "transaction"> & { $client: Database.Database };

/**
 * The app's database outside a transaction: reads only. A write needs `transaction()`, so that
 * tsc finds every write made outside one; on SQLite this handle is a read-only connection besides.
 */
export type Db = Omit<Tx, "insert" | "update" | "delete" | "run">;

/**
 * The write lane of one SQLite file: its read-write connection and the queue that lets one
 * transaction at a time use it. An await inside a transaction lets other requests run; on the one
 * connection their statements would join the open transaction (and its rollback), so they read on
 * a second, read-only connection (WAL: they see what is committed) and write only through here.
 */
interface WriteLane {
  writer: Tx;
  tail: Promise<unknown>;
  /**
   * The async context of the transaction holding the lane, to catch a transaction opened on the outer
   * handle inside it (it would wait for itself). `open` goes false at its end: a callback it scheduled
   * (a timer, setImmediate) keeps the context but no longer holds the lane.
   */
  holder: AsyncLocalStorage<{ open: boolean }>;
}

/**
 * Where a handle keeps its lane: a property under a registered symbol, not a module-level map, since
 * Next bundles this module more than once (server actions, route handlers, pages) while the app's
 * handle is opened once and shared through globalThis (db/index.ts).
 */
const LANE = Symbol.for("quan-triet.db.write-lane");
type WithLane = { [LANE]?: WriteLane };

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export function defaultDatabasePath(): string {
  return path.resolve(/*turbopackIgnore: true*/ env().DATABASE_PATH);
}

/** Where the app's database is: DATABASE_URL on PostgreSQL, else the SQLite file. */
export function defaultDatabaseLocation(): string {
  return env().DATABASE_URL ?? defaultDatabasePath();
}

const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//.test(location);

/**
 * Opens the app's database (DATABASE_URL, else DATABASE_PATH), or the one at `location`: a file
 * (created if needed) or a postgres:// address, which must be the engine this process chose
 * (db/engine.ts: the tables of db/schema.ts are that engine's). Close with `closeDatabase`.
 */
export function openDatabase(location: string = defaultDatabaseLocation()): Db {
  const postgres = isPostgresUrl(location);
  if (postgres !== (databaseEngine() === "postgres")) {
    throw new Error(
      `openDatabase(${postgres ? "postgres://…" : location}): this process runs on ${databaseEngine()} (DATABASE_URL ${postgres ? "unset" : "set"})`,
    );
  }
  return postgres ? (openPostgresDatabase(location) as unknown as Db) : openSqliteFile(location);
}

/**
 * A SQLite file with the pragmas the app relies on: the read-only connection everyone reads on,
 * and its write lane (`transaction()`).
 */
function openSqliteFile(file: string): Db {
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
  const writer = drizzle({ client: sqlite, schema }) as unknown as Tx;
  const reader = openReadOnlyDatabase(file);
  const lane: WriteLane = { writer, tail: Promise.resolve(), holder: new AsyncLocalStorage() };
  Object.defineProperty(reader, LANE, { value: lane });
  Object.defineProperty(writer, LANE, { value: lane }); // writerForSetup's handle opens transactions too
  return reader;
}

function laneOf(db: Db): WriteLane {
  const lane = (db as WithLane)[LANE];
  if (!lane) throw new Error("This database handle has no write lane (a read-only handle from openReadOnlyDatabase?)");
  return lane;
}

export interface TransactionOptions {
  /**
   * PostgreSQL's isolation: SERIALIZABLE by default (what SQLite's single writer gives); READ COMMITTED only
   * where every write carries its own guarantee (the door, decision 0038). SQLite's lane is serial whatever is asked.
   */
  isolation?: "serializable" | "read committed";
}

/**
 * Runs `fn` in one write transaction and gives its result; a throw rolls it back. On the app's
 * handle: queued behind the transaction before it, then BEGIN IMMEDIATE (the write lock at the
 * start, so that another process writing the same file queues on busy_timeout instead of failing
 * to upgrade a read lock). On a transaction's own handle (a helper called inside one): a
 * savepoint, so that the helper's failure undoes only its own part.
 */
export async function transaction<T>(db: Db | Tx, fn: (tx: Tx) => Promise<T> | T, options: TransactionOptions = {}): Promise<T> {
  if (isPostgresHandle(db)) return postgresTransaction(db, fn as never, options.isolation) as Promise<T>;
  const lane = laneOf(db);
  const inTransaction = lane.holder.getStore()?.open === true;
  if (inTransaction && db === lane.writer) {
    const tx = db as Tx;
    tx.$client.exec("savepoint nested");
    try {
      const result = await fn(tx);
      tx.$client.exec("release nested");
      return result;
    } catch (error) {
      tx.$client.exec("rollback to nested; release nested");
      throw error;
    }
  }
  if (inTransaction) throw new Error("transaction() called on the outer handle inside a transaction: pass the transaction's own handle");
  const run = async () => {
    const { writer } = lane;
    writer.$client.exec("begin immediate");
    const holding = { open: true };
    try {
      const result = await lane.holder.run(holding, () => fn(writer));
      writer.$client.exec("commit");
      return result;
    } catch (error) {
      if (writer.$client.inTransaction) writer.$client.exec("rollback");
      throw error;
    } finally {
      holding.open = false;
    }
  };
  const result = lane.tail.then(run);
  lane.tail = result.catch(() => undefined);
  return result;
}

/**
 * The write connection outside any transaction, for code that runs alone on its file: migrations,
 * the seed, tests' fixtures, one-shot scripts. Never in the app (ESLint keeps it out of lib and app).
 */
export function writerForSetup(db: Db): Tx {
  // On PostgreSQL the pool's handle writes (each statement its own transaction).
  if (isPostgresHandle(db)) return db as unknown as Tx;
  return laneOf(db).writer;
}

/** Closes a database opened by openDatabase: both SQLite connections (the reader alone for a read-only handle), or the pool. */
export async function closeDatabase(db: Db): Promise<void> {
  if (isPostgresHandle(db)) return closePostgresDatabase(db);
  db.$client.close();
  // The write connection last: SQLite checkpoints the WAL into the file when its last connection closes.
  (db as WithLane)[LANE]?.writer.$client.close();
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
  return drizzle({ client: sqlite, schema }) as unknown as Db;
}

/**
 * Runs a starting server's setup (migrations, the first seed) alone: on PostgreSQL under an advisory lock, as
 * several app servers may start at once; a SQLite file has one server.
 */
export async function withSetupLock<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  return isPostgresHandle(db) ? withPostgresSetupLock(db, fn) : fn();
}

/**
 * A connection of its own for a streamed export (closed with closeDatabase when the download ends):
 * the SQLite file opened read-only (one WAL snapshot), or a one-connection pool on PostgreSQL, where
 * db/stream-rows.ts reads through a cursor in a read-only transaction (one snapshot too).
 */
export function openExportReader(): Db {
  return databaseEngine() === "postgres" ? (openPostgresDatabase(env().DATABASE_URL!, { max: 1 }) as unknown as Db) : openReadOnlyDatabase();
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
export async function migrateDatabase(db: Db): Promise<void> {
  // PostgreSQL: its own migrations (db/migrations-pg) in one transaction; its text was written NFC from the start.
  if (isPostgresHandle(db)) return migratePostgresDatabase(db);
  const writer = writerForSetup(db);
  writer.$client.pragma("foreign_keys = OFF");
  try {
    migrate(writer as unknown as Parameters<typeof migrate>[0], { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    writer.$client.pragma("foreign_keys = ON");
  }
  const violations = writer.$client.pragma("foreign_key_check") as unknown[];
  if (violations.length > 0) throw new Error(`Migration left ${violations.length} rows that break a foreign key: ${JSON.stringify(violations.slice(0, 5))}`);
  normalizeStoredTextOnce(writer);
}

/**
 * The first row of a query, or undefined: what drizzle's SQLite-only `.get()` gave, written so that it
 * reads the same on PostgreSQL (an awaited query gives its rows on both engines).
 */
export async function firstRow<Row>(query: PromiseLike<Row[]>): Promise<Row | undefined> {
  return (await query)[0];
}

/** The row an insert or update `returning(…)` gave: exactly one is expected (a missing one is a bug, thrown). */
export async function returnedRow<Row>(query: PromiseLike<Row[]>): Promise<Row> {
  const [row] = await query;
  if (row === undefined) throw new Error("The statement returned no row");
  return row;
}

/** How many rows a write changed: better-sqlite3 calls it `changes`, node-postgres `rowCount`. */
export function changedRows(result: { changes: number } | { rowCount: number | null }): number {
  return "changes" in result ? result.changes : (result.rowCount ?? 0);
}
