/**
 * An import batch's rows (one JSON column, `import_batches.rows`), read a slice at a time with
 * SQLite's json_each: JSON.parse of 100,000 rows at once holds the server's only thread for half a
 * second, a slice costs SQLite's own (much faster) parse of the column plus a small JSON.parse,
 * and the caller lets other requests run between slices (lib/people/import/import-people.ts).
 * On PostgreSQL: jsonb_array_elements WITH ORDINALITY.
 */
import type { Db } from "./client";

export function importBatchRowSlice(db: Db, batchId: number, offset: number, limit: number): string[][] {
  const values = db.$client
    .prepare("select value from import_batches, json_each(import_batches.rows) where import_batches.id = ? limit ? offset ?")
    .pluck()
    .all(batchId, limit, offset) as string[];
  return values.map((value) => JSON.parse(value) as string[]);
}
