/**
 * A query's rows one at a time, as arrays of column values in select order, for exports of 100,000
 * lines that must not sit in memory. SQLite: better-sqlite3's statement iterator on the handle's own
 * connection (drizzle's driver has none). PostgreSQL: a cursor (DECLARE … FETCH 1000) in a read-only
 * transaction on one connection of the handle's pool, so that the server keeps the result and the app
 * holds a thousand rows at a time. Values come as the driver gives them: the caller maps them (times are
 * epoch milliseconds on SQLite, Dates on PostgreSQL; flags 0/1 or booleans).
 */
import type pg from "pg";
import type { Db } from "./client";
import { isPostgresHandle } from "./postgres";

type Query = { toSQL(): { sql: string; params: unknown[] } };

const FETCH = 1000;

export async function* streamRows(db: Db, query: Query): AsyncGenerator<unknown[]> {
  const { sql: text, params } = query.toSQL();
  if (!isPostgresHandle(db)) {
    yield* db.$client
      .prepare(text)
      .raw()
      .iterate(...params) as Iterable<unknown[]>;
    return;
  }
  const client = await (db as unknown as { $client: pg.Pool }).$client.connect();
  let committed = false;
  let failed = false;
  try {
    await client.query("begin read only");
    await client.query({ text: `declare rows_out no scroll cursor for ${text}`, values: params });
    for (;;) {
      const { rows } = await client.query({ text: `fetch ${FETCH} from rows_out`, rowMode: "array" });
      yield* rows as unknown[][];
      if (rows.length < FETCH) break;
    }
    await client.query("commit");
    committed = true;
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // A consumer that stops early (the download was cancelled) ends up here too: roll back, free the connection.
    if (!committed) await client.query("rollback").catch(() => undefined);
    client.release(failed);
  }
}
