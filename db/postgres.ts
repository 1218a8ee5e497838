/**
 * PostgreSQL (DATABASE_URL; decisions 0035 and 0037): a `pg` pool and drizzle's node-postgres driver over
 * db/schema-pg.ts, the migrations of db/migrations-pg applied by drizzle's migrator, and the transactions the
 * app's `transaction()` (db/client.ts) opens. Everything PostgreSQL-specific (the pool, the migrations, the SQL
 * functions the queries use: name_sort_key, created by migration 0002) stays in db/.
 */
import path from "node:path";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schemaPg from "./schema-pg";

export type PgDb = NodePgDatabase<typeof schemaPg>;

export const MIGRATIONS_PG_FOLDER = path.join(process.cwd(), "db", "migrations-pg");

/** A pool on `url` (postgres://…) and drizzle over it. End the pool (`pool.end()`) when done. */
export function openPostgres(url: string, options: { max?: number } = {}): { pool: pg.Pool; db: PgDb } {
  const pool = new pg.Pool({ connectionString: url, ...(options.max ? { max: options.max } : {}) });
  // An idle client whose server went away (PostgreSQL restarted) emits "error" on the pool: without a listener
  // that is an uncaught exception. The pool drops the client; the next query connects again.
  pool.on("error", (error) => console.error("PostgreSQL: an idle connection failed:", error.message));
  // The same on a client a transaction holds, between two of its statements (the door's batch judges its scans
  // there): the pool listens only while a client is idle. The transaction's next statement fails (the group
  // commit then retries each scan on a new connection) and the pool drops the client when it is released.
  pool.on("connect", (client) => client.on("error", (error) => console.error("PostgreSQL: a connection in use failed:", error.message)));
  return { pool, db: drizzle({ client: pool, schema: schemaPg }) };
}

/** Applies the pending migrations of db/migrations-pg (drizzle's journal in drizzle.__drizzle_migrations). */
export async function migratePostgres(db: PgDb): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_PG_FOLDER });
}

// ---------------------------------------------------------------------------
// The app's handle (db/client.ts types it like the SQLite one; these functions take it as it comes)

/** Marks a PostgreSQL handle (the pool's or a transaction's): a property, which db/index.ts's proxy passes through. */
const POSTGRES = Symbol.for("quan-triet.db.postgres");

type Marked = { [POSTGRES]?: true };

export function isPostgresHandle(db: object): boolean {
  return (db as Marked)[POSTGRES] === true;
}

function mark<T extends object>(db: T): T {
  Object.defineProperty(db, POSTGRES, { value: true });
  return db;
}

export function openPostgresDatabase(url: string, options: { max?: number } = {}): PgDb {
  return mark(openPostgres(url, options).db);
}

export async function closePostgresDatabase(db: object): Promise<void> {
  await (db as { $client: pg.Pool }).$client.end();
}

export async function migratePostgresDatabase(db: object): Promise<void> {
  await migratePostgres(db as PgDb);
}

/** SQLSTATEs after which the whole transaction can simply run again: serialization failure, deadlock. */
const RETRYABLE = new Set(["40001", "40P01"]);
const ATTEMPTS = 8;

/** The error and the ones it wraps (drizzle puts the driver's error in `cause`), outermost first. */
type DriverError = { code?: unknown; constraint?: unknown; message?: unknown; cause?: unknown };

export function* errorAndCauses(error: unknown): Generator<DriverError> {
  for (let e = error as DriverError | undefined, depth = 0; e && typeof e === "object" && depth < 4; e = e.cause as typeof e, depth++) yield e;
}

function sqlState(error: unknown): string | undefined {
  for (const e of errorAndCauses(error)) if (typeof e.code === "string") return e.code;
  return undefined;
}

/**
 * Whether `error` is PostgreSQL refusing the transaction for a conflict with a concurrent one (a serialization
 * failure, a deadlock: decision 0039): postgresTransaction runs the whole of it again. Code that catches errors
 * inside a transaction (a savepoint per item) lets these through. Never true on SQLite.
 */
export function isTransactionConflict(error: unknown): boolean {
  return RETRYABLE.has(sqlState(error) ?? "");
}

type Isolation = "serializable" | "read committed";
type Transactional = { transaction<T>(fn: (tx: object) => Promise<T>, config?: { isolationLevel: Isolation }): Promise<T> };

/**
 * `transaction()` on PostgreSQL. On the pool: SERIALIZABLE, the guarantee SQLite's single writer gave
 * (every transaction behaves as if it ran alone; a check followed by a write cannot be overtaken), run
 * again from the start when PostgreSQL refuses it for a conflict with a concurrent one, as it asks
 * (SQLSTATE 40001; 40P01 a deadlock). A transaction's callback therefore does nothing but database
 * work, which holds on SQLite too. READ COMMITTED where the caller's writes carry their own guarantees
 * (the door: decision 0038); a deadlock is still retried there. On a transaction's handle: a savepoint.
 */
export async function postgresTransaction<T>(db: object, fn: (tx: object) => Promise<T>, isolation: Isolation = "serializable"): Promise<T> {
  const handle = db as Transactional;
  const inner = (tx: object) => fn(mark(tx));
  if (isTransaction(db)) return handle.transaction(inner);
  for (let attempt = 1; ; attempt++) {
    try {
      return await handle.transaction(inner, { isolationLevel: isolation });
    } catch (error) {
      if (attempt >= ATTEMPTS || !isTransactionConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}

/** drizzle's PgTransaction has `rollback()`; the pool's database does not. */
function isTransaction(db: object): boolean {
  return typeof (db as { rollback?: unknown }).rollback === "function";
}

/** Any number, the same in every app server: the advisory lock under which a starting server migrates and seeds. */
const SETUP_LOCK = 7_402_021;

/**
 * Runs `fn` while holding a PostgreSQL advisory lock: app servers started together migrate and seed one at a
 * time, so each migration is applied once and an empty database is seeded once (the next finds it done).
 */
export async function withPostgresSetupLock<T>(db: object, fn: () => Promise<T>): Promise<T> {
  const client = await (db as { $client: pg.Pool }).$client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [SETUP_LOCK]);
    return await fn();
  } finally {
    await client.query("select pg_advisory_unlock($1)", [SETUP_LOCK]).catch(() => undefined);
    client.release();
  }
}
