/**
 * A query built once and run many times with new values (drizzle's prepared statements: the SQL is
 * built once, only the placeholders change): the check-in hot path (lib/checkin/scan-statements.ts).
 * SQLite prepares on the handle's connection and answers at once; PostgreSQL's statements carry a
 * name, under which node-postgres prepares them once on each pooled connection. The two builders differ
 * only in that name and in how they are run; this gives both one shape.
 */
import { isPostgresHandle } from "./postgres";

export interface Prepared<Row> {
  /** The rows for these placeholder values. */
  rows(values: Record<string, unknown>): Promise<Row[]> | Row[];
  /** A statement without rows (an insert, an update): how many rows it changed (better-sqlite3's `changes`, node-postgres's `rowCount`). */
  changed(values: Record<string, unknown>): Promise<number>;
}

type SqlitePrepared = { all(values: Record<string, unknown>): unknown; run(values: Record<string, unknown>): { changes: number } };
type PostgresPrepared = { execute(values: Record<string, unknown>): Promise<unknown> };

/** `query` prepared on `db`'s connection (`db`: the handle the query was built on); `name` is PostgreSQL's, unique per statement. */
export function prepared<Row>(db: object, query: PromiseLike<Row[]> | PromiseLike<unknown>, name: string): Prepared<Row> {
  const builder = query as unknown as { prepare(name?: string): unknown };
  if (isPostgresHandle(db)) {
    const statement = builder.prepare(name) as PostgresPrepared;
    return {
      rows: (values) => statement.execute(values) as Promise<Row[]>,
      changed: async (values) => ((await statement.execute(values)) as { rowCount: number | null }).rowCount ?? 0,
    };
  }
  const statement = builder.prepare() as SqlitePrepared;
  return { rows: (values) => statement.all(values) as Row[], changed: async (values) => statement.run(values).changes };
}

/** The first row, or undefined. */
export async function preparedFirst<Row>(statement: Prepared<Row>, values: Record<string, unknown>): Promise<Row | undefined> {
  return (await statement.rows(values))[0];
}

/**
 * The connection a handle's statements run on, to keep statements prepared on it (a WeakMap key): SQLite's
 * connection (the app's read-only one, or the write lane's inside a transaction); on PostgreSQL the pooled
 * connection a transaction holds (drizzle's session client: a prepared statement is bound to it, and the pool
 * hands the same connection to many transactions), or the pool itself outside one.
 */
export function connectionOf(db: object): object {
  if (isPostgresHandle(db)) return (db as { session?: { client?: object } }).session?.client ?? db;
  return (db as { $client?: object }).$client ?? db;
}
