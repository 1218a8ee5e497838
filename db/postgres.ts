/**
 * Opens PostgreSQL (docs/decisions/0035): a `pg` pool and drizzle's node-postgres driver over db/schema-pg.ts, and
 * the migrations of db/migrations-pg applied by drizzle's migrator. The PostgreSQL twin of db/client.ts; not used by
 * the app yet. Everything PostgreSQL-specific (the pool, the migrations, the SQL functions the queries use:
 * name_sort_key, created by migration 0002) stays in db/.
 */
import path from "node:path";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schemaPg from "./schema-pg";

export type PgDb = NodePgDatabase<typeof schemaPg>;

export const MIGRATIONS_PG_FOLDER = path.join(process.cwd(), "db", "migrations-pg");

/** A pool on `url` (postgres://…) and drizzle over it. End the pool (`pool.end()`) when done. */
export function openPostgres(url: string): { pool: pg.Pool; db: PgDb } {
  const pool = new pg.Pool({ connectionString: url });
  return { pool, db: drizzle({ client: pool, schema: schemaPg }) };
}

/** Applies the pending migrations of db/migrations-pg (drizzle's journal in drizzle.__drizzle_migrations). */
export async function migratePostgres(db: PgDb): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_PG_FOLDER });
}
