/**
 * Many rows in one statement with one parameter: the rows as a JSON array (decision 0038). A multi-row insert
 * built with drizzle's builder maps and checks every value of every row each time it is built, which cost the
 * door more than the database did (docs/benchmarks.md); here the values go through their columns' own
 * mapping (a Date to SQLite's milliseconds or PostgreSQL's ISO text, a boolean to 0/1 or itself) into one
 * JSON text, and the statement's SQL stays the same whatever the number of rows.
 * SQLite reads the array with json_each, PostgreSQL with jsonb_array_elements; each value is cast to its
 * column's type on PostgreSQL.
 */
import { getTableColumns, getTableName, sql, type Column, type SQL, type SQLWrapper, type Table } from "drizzle-orm";
import { changedRows, transaction, type Db } from "./client";
import { databaseEngine } from "./engine";
import { errorAndCauses, isPostgresHandle } from "./postgres";

type Insert = { table: Table; rows: Record<string, unknown>[] };

/**
 * Each table's rows inserted, each row unless a unique index already holds it (on conflict do nothing): how
 * many went in, per table. One statement on PostgreSQL (one round trip: each insert a data-modifying WITH
 * query, counted), one after another on SQLite (no round trips there). Every row of a table must set the same
 * columns (those of its first row; a key it leaves out takes the column's default).
 */
export async function insertJsonRowsTogether(db: object, inserts: Insert[]): Promise<number[]> {
  const counts = inserts.map(() => 0);
  const work = inserts.map((insert, i) => ({ ...insert, i })).filter((insert) => insert.rows.length > 0);
  if (work.length === 0) return counts;
  if (isPostgresHandle(db)) {
    const row = (await executeOnPostgres(db, togetherOnPostgres(work, sql`array[${sql.join(insertedCounts(work), sql`, `)}]`)))[0] as { result: number[] };
    work.forEach((insert, n) => (counts[insert.i] = row.result[n]));
    return counts;
  }
  for (const insert of work) {
    counts[insert.i] = changedRows(await (db as { run(query: SQL): Promise<{ changes: number }> }).run(insertStatement(insert, false)));
  }
  return counts;
}

/**
 * Every row of these inserts, or none, written without a transaction of the caller's: true when all went in;
 * false when a unique index already held one of them (another server was first), and then none was written.
 * On PostgreSQL this is the one statement of insertJsonRowsTogether, made to fail when a count falls short, and
 * a failed statement keeps nothing: one round trip where BEGIN, the insert and COMMIT were three. Plain SQL has
 * no RAISE, so the failure is a division by zero that depends on the counts (SQLSTATE 22012, caught here). On
 * SQLite the inserts run in a transaction that is rolled back when a count falls short.
 */
export async function insertAllOrNothing(db: Db, inserts: Insert[]): Promise<boolean> {
  const work = inserts.map((insert, i) => ({ ...insert, i })).filter((insert) => insert.rows.length > 0);
  if (work.length === 0) return true;
  if (isPostgresHandle(db)) {
    const allIn = sql.join(
      insertedCounts(work).map((n, k) => sql`${n} = ${work[k].rows.length}`),
      sql` and `,
    );
    try {
      await executeOnPostgres(db, togetherOnPostgres(work, sql`1 / (case when ${allIn} then 1 else 0 end)`));
      return true;
    } catch (error) {
      if ([...errorAndCauses(error)].some((e) => e.code === DIVISION_BY_ZERO)) return false;
      throw error;
    }
  }
  try {
    return await transaction(db, async (tx) => {
      const counts = await insertJsonRowsTogether(tx, work);
      if (counts.some((n, k) => n !== work[k].rows.length)) throw new NotAllIn();
      return true;
    });
  } catch (error) {
    if (error instanceof NotAllIn) return false;
    throw error;
  }
}

class NotAllIn extends Error {}
const DIVISION_BY_ZERO = "22012";

/** Each insert a data-modifying WITH query of one statement; `result` is selected from their counts. */
function togetherOnPostgres(work: Insert[], result: SQL): SQL {
  const queries = work.map((insert, n) => sql`${sql.identifier(`inserted_${n}`)} as (${insertStatement(insert, true)} returning 1)`);
  return sql`with ${sql.join(queries, sql`, `)} select ${result} as result`;
}

const insertedCounts = (work: Insert[]) => work.map((_, n) => sql`(select count(*) from ${sql.identifier(`inserted_${n}`)})::int`);

async function executeOnPostgres(db: object, query: SQL): Promise<Record<string, unknown>[]> {
  return (await (db as { execute(query: SQL): Promise<{ rows: Record<string, unknown>[] }> }).execute(query)).rows;
}

/** INSERT … SELECT from the rows as one JSON parameter, ON CONFLICT DO NOTHING. */
function insertStatement({ table, rows }: Insert, onPostgres: boolean): SQL {
  const byKey = getTableColumns(table) as Record<string, Column>;
  const keys = Object.keys(rows[0]).filter((key) => byKey[key]);
  const columns = keys.map((key) => byKey[key]);
  const json = JSON.stringify(
    rows.map((row) =>
      keys.map((key, i) => {
        const value = row[key];
        return value === null || value === undefined ? null : columns[i].mapToDriverValue(value);
      }),
    ),
  );
  const names = sql.join(
    columns.map((column) => sql.identifier(column.name)),
    sql`, `,
  );
  const target = sql.identifier(getTableName(table));
  if (onPostgres) {
    const values = sql.join(
      columns.map((column, i) => sql.raw(`(r.value->>${i})::${column.getSQLType()}`)),
      sql`, `,
    );
    return sql`insert into ${target} (${names}) select ${values} from jsonb_array_elements(${json}::jsonb) as r(value) on conflict do nothing`;
  }
  const values = sql.join(
    columns.map((_, i) => sql.raw(`r.value->>${i}`)),
    sql`, `,
  );
  // `where true`: SQLite's grammar needs it before ON CONFLICT when the rows come from a SELECT.
  return sql`insert into ${target} (${names}) select ${values} from json_each(${json}) as r where true on conflict do nothing`;
}

/**
 * The texts of a list (`listValue`) that `column` of `table` holds, as one value (an array): an uncorrelated
 * subquery, which both engines evaluate once per statement, so that it rides along another query's rows.
 */
export function textsHeld(table: Table, column: Column, list: SQLWrapper): SQL<string[]> {
  const held = inTextList(column, list);
  return databaseEngine() === "postgres"
    ? sql<string[]>`(select coalesce(array_agg(${column}), '{}') from ${table} where ${held})`
    : sql<string[]>`(select json_group_array(${column}) from ${table} where ${held})`.mapWith((value: string) => JSON.parse(value) as string[]);
}

/**
 * `expression` is one of a list of texts given as one value (`listValue`), so that a statement prepared once takes any
 * number of them: SQLite reads a JSON array with json_each; PostgreSQL takes an array, `= any(…)`, which its
 * planner answers with the index (a set-returning function over JSON it estimates at 100 rows, and may scan).
 */
export function inTextList(expression: SQLWrapper, list: SQLWrapper): SQL {
  return databaseEngine() === "postgres" ? sql`${expression} = any(${list}::text[])` : sql`${expression} in (select value from json_each(${list}))`;
}

/** The value `inTextList` takes: an array for PostgreSQL (node-postgres sends it as one), JSON text for SQLite. */
export function listValue(values: string[]): string[] | string {
  return databaseEngine() === "postgres" ? values : JSON.stringify(values);
}
