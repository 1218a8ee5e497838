/**
 * An import batch's rows (one JSON column, `import_batches.rows`), read a slice at a time by the
 * database: JSON.parse of 100,000 rows at once holds the server's only thread for half a second,
 * a slice costs the database's own (much faster) reading of the column plus a small JSON.parse, and
 * the caller lets other requests run between slices (lib/people/import/import-people.ts).
 * SQLite: json_each; PostgreSQL (jsonb): jsonb_array_elements WITH ORDINALITY, in the array's order.
 */
import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { isPostgresHandle } from "./postgres";

export async function importBatchRowSlice(db: Db, batchId: number, offset: number, limit: number): Promise<string[][]> {
  if (isPostgresHandle(db)) {
    const result = await (db as unknown as { execute(query: unknown): Promise<{ rows: { value: string[] }[] }> }).execute(
      sql`select e.value from import_batches b, jsonb_array_elements(b.rows) with ordinality as e(value, n) where b.id = ${batchId} order by e.n limit ${limit} offset ${offset}`,
    );
    return result.rows.map((row) => row.value);
  }
  const values = db.$client
    .prepare("select value from import_batches, json_each(import_batches.rows) where import_batches.id = ? limit ? offset ?")
    .pluck()
    .all(batchId, limit, offset) as string[];
  return values.map((value) => JSON.parse(value) as string[]);
}
