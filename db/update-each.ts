/**
 * Many rows of one table, each set to its own values, inside a transaction: an invitation's letter
 * number and token when a conference's letters are issued, new tokens after a key rotation, the
 * demo's tokens. On SQLite one prepared statement per set of columns, run per row on the write
 * lane's connection (no SQL built per row: issuing 10,000 letters stays quick). On PostgreSQL the
 * transaction's own `update … where id = …`, one round trip per row on its connection.
 */
import { eq, getTableColumns, getTableName, type Column } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Tx } from "./client";
import { isPostgresHandle } from "./postgres";

type WithId = SQLiteTable & { id: Column };
export type RowUpdate<T extends WithId> = { id: number; set: Partial<T["$inferInsert"]> };

export async function updateEach<T extends WithId>(tx: Tx, table: T, rows: RowUpdate<T>[]): Promise<void> {
  if (rows.length === 0) return;
  if (isPostgresHandle(tx)) {
    for (const row of rows) await tx.update(table).set(row.set).where(eq(table.id, row.id));
    return;
  }
  const columns = getTableColumns(table) as Record<string, Column>;
  const statements = new Map<string, { names: string[]; run: (...values: unknown[]) => unknown }>();
  for (const row of rows) {
    const names = Object.keys(row.set).filter((name) => (row.set as Record<string, unknown>)[name] !== undefined);
    const key = names.join(",");
    let statement = statements.get(key);
    if (!statement) {
      const assignments = names.map((name) => `"${columns[name].name}" = ?`).join(", ");
      const prepared = tx.$client.prepare(`update "${getTableName(table)}" set ${assignments} where "id" = ?`);
      statements.set(key, (statement = { names, run: (...values) => prepared.run(...values) }));
    }
    const values = statement.names.map((name) => {
      const value = (row.set as Record<string, unknown>)[name];
      return value === null ? null : columns[name].mapToDriverValue(value);
    });
    statement.run(...values, row.id);
  }
}
