/**
 * A province's SQLite file copied into an empty PostgreSQL (docs/decisions/0035-postgresql-the-way-there.md, point 1;
 * the command is `npm run db:export-to-postgres`, docs/operations.md).
 *
 * - The source is opened read-only and read in one read transaction (one consistent snapshot, even if a server still
 *   writes; stopping it first is still the advice). Its schema must be this version's: every migration of
 *   db/migrations applied, none unknown, no table the schema does not know (it would be lost).
 * - A target holding any row in any of the app's tables is refused before anything is changed.
 * - The PostgreSQL migrations (db/migrations-pg) are applied, then every table is copied in foreign-key order (parents
 *   first, from db/schema-pg.ts's foreign keys) in batches, in ONE transaction, ids kept (`overriding system value`).
 *   Self-references (units.parent_id, units.merged_into_id, people.merged_into_id) are inserted as null and set in a
 *   second pass once the whole table is in. Rows are read through db/schema.ts and written through db/schema-pg.ts
 *   with the same property names: times come and go as Date, booleans as boolean, JSON parsed. Each identity sequence
 *   is then set to the table's greatest id. The invitations' BEFORE trigger (migration 0001) sets the attendee copies
 *   from people, to the values the rows already hold.
 * - The attendance tallies (decision 0039) are not copied: the target's triggers keep them as the invitations, check-ins
 *   and absences go in, as they do for every change in service.
 * - After the commit, the verification: rows per table, check-ins per conference, invitations per status and the
 *   attendance tallies summed per conference (the target's, built by its triggers, against the source's), the SQLite
 *   figures taken in the same snapshot the rows were read from.
 */
import fs from "node:fs";
import path from "node:path";
import { asc, getTableColumns, getTableName, gt, is, sql, type Column } from "drizzle-orm";
import { PgTable, getTableConfig as getPgTableConfig, type PgColumn } from "drizzle-orm/pg-core";
import { SQLiteTable, getTableConfig as getSqliteTableConfig, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { closeDatabase, MIGRATIONS_FOLDER, openReadOnlyDatabase, type Db } from "./client";
import * as sqliteSchema from "./schema-sqlite";
import { migratePostgres, openPostgres, type PgDb } from "./postgres";
import * as pgSchema from "./schema-pg";

/** What the helpers need of a database or a transaction. */
type Executor = Pick<PgDb, "execute">;

// ---------------------------------------------------------------------------
// ---------------------------------------------------------------------------
// The tables, paired and ordered

interface TablePair {
  /** The SQL name, the same on both engines. */
  name: string;
  sqlite: SQLiteTable;
  pg: PgTable;
  /** Property keys of the columns that refer to the table itself: inserted null, set in a second pass. */
  selfRefs: string[];
  /** Property keys of the primary key, in order: the read order (a single key is read by keyset). */
  primaryKey: string[];
}

const keyOf = (columns: Record<string, Column>, sqlName: string): string => {
  const entry = Object.entries(columns).find(([, c]) => c.name === sqlName);
  if (!entry) throw new Error(`No column ${sqlName}`);
  return entry[0];
};

/** Every table of db/schema-pg.ts with its db/schema.ts twin, parents before children. */
export function tablesInCopyOrder(): TablePair[] {
  const pairs = new Map<string, TablePair>();
  const parents = new Map<string, Set<string>>();
  for (const [exportName, value] of Object.entries(pgSchema)) {
    if (!is(value, PgTable)) continue;
    const twin = (sqliteSchema as Record<string, unknown>)[exportName];
    const name = getTableName(value);
    if (!is(twin, SQLiteTable) || getTableName(twin) !== name) throw new Error(`db/schema.ts has no table ${exportName} (${name})`);
    const pgColumns = getTableColumns(value);
    const sqliteColumns = getTableColumns(twin);
    const pgKeys = Object.keys(pgColumns).sort().join(",");
    if (pgKeys !== Object.keys(sqliteColumns).sort().join(",")) throw new Error(`${name}: the two schemas' columns differ (${pgKeys})`);

    const config = getPgTableConfig(value);
    const selfRefs: string[] = [];
    const refersTo = new Set<string>();
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      const target = getTableName(ref.foreignTable);
      if (target !== name) {
        refersTo.add(target);
        continue;
      }
      for (const column of ref.columns) {
        if (column.notNull) throw new Error(`${name}.${column.name} refers to its own table and is not null: it cannot be set in a second pass`);
        selfRefs.push(keyOf(pgColumns, column.name));
      }
    }
    parents.set(name, refersTo);

    const sqliteConfig = getSqliteTableConfig(twin);
    const primaryKey =
      sqliteConfig.primaryKeys.length > 0
        ? sqliteConfig.primaryKeys[0].columns.map((c) => keyOf(sqliteColumns, c.name))
        : Object.entries(sqliteColumns)
            .filter(([, c]) => c.primary)
            .map(([key]) => key);
    if (primaryKey.length === 0) throw new Error(`${name} has no primary key`);
    pairs.set(name, { name, sqlite: twin, pg: value, selfRefs, primaryKey });
  }

  // Kahn's order, keeping the schema's own order among tables that are ready together.
  const ordered: TablePair[] = [];
  const placed = new Set<string>();
  while (placed.size < pairs.size) {
    const ready = [...pairs.values()].filter((p) => !placed.has(p.name) && [...parents.get(p.name)!].every((t) => placed.has(t)));
    if (ready.length === 0) {
      const left = [...pairs.keys()].filter((n) => !placed.has(n));
      throw new Error(`The foreign keys between ${left.join(", ")} form a cycle: no copy order`);
    }
    for (const p of ready) {
      ordered.push(p);
      placed.add(p.name);
    }
  }
  return ordered;
}

// ---------------------------------------------------------------------------
// Results

export interface Comparison {
  key: string;
  sqlite: number;
  postgres: number;
}

export interface Verification {
  ok: boolean;
  /** Rows per table. */
  tables: Comparison[];
  /** Check-ins per conference (key: the conference id). */
  checkInsByConference: Comparison[];
  /** Invitations per status. */
  invitationsByStatus: Comparison[];
  /** The attendance tallies per conference and figure (key: "12 present"). */
  talliesByConference: Comparison[];
}

export type ExportResult =
  | { status: "refused"; vi: string; en: string }
  | { status: "done"; rows: number; ms: number; copied: { table: string; rows: number }[]; verification: Verification };

export interface ExportOptions {
  /** Rows per INSERT (fewer for wide tables: PostgreSQL takes at most 65,535 parameters a statement). */
  batchSize?: number;
  /** Called once a table is in (within the transaction: nothing is committed before the last). */
  onTable?: (table: string, rows: number, ms: number) => void;
}

// ---------------------------------------------------------------------------
// The source

type Figures = { tables: Map<string, number>; checkIns: Map<string, number>; invitations: Map<string, number>; tallies: Map<string, number> };

/** Kept by the target's own triggers as the rows go in (decision 0039): verified, not copied. */
const KEPT_BY_TRIGGERS = new Set(["attendance_tallies"]);

/** The attendance tallies summed per conference, one row per conference and figure. */
const TALLY_FIGURES = ["invited", "present", "late", "substitutes", "excused", "made_up"] as const;
const talliesQuery = `select conference_id, ${TALLY_FIGURES.map((f) => `sum(${f}) as ${f}`).join(", ")} from attendance_tallies group by conference_id`;
function tallyFigures(rows: Record<string, unknown>[]): Map<string, number> {
  const figures = new Map<string, number>();
  for (const row of rows) for (const f of TALLY_FIGURES) if (Number(row[f]) !== 0) figures.set(`${row.conference_id} ${f}`, Number(row[f]));
  return figures;
}

const counted = (rows: { key: string | number; n: number | string }[]) => new Map(rows.map((r) => [String(r.key), Number(r.n)]));

function sqliteFigures(source: Db, tables: TablePair[]): Figures {
  const client = source.$client;
  return {
    tables: new Map(tables.map((t) => [t.name, (client.prepare(`select count(*) n from "${t.name}"`).get() as { n: number }).n])),
    checkIns: counted(client.prepare("select conference_id key, count(*) n from check_ins group by conference_id").all() as { key: number; n: number }[]),
    invitations: counted(client.prepare("select status key, count(*) n from invitations group by status").all() as { key: string; n: number }[]),
    tallies: tallyFigures(client.prepare(talliesQuery).all() as Record<string, unknown>[]),
  };
}

/** Why the source cannot be copied as it is, or null. */
function sourceProblem(source: Db, tables: TablePair[]): { vi: string; en: string } | null {
  const client = source.$client;
  const names = (client.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name);
  if (!names.includes("__drizzle_migrations"))
    return { vi: "Tệp SQLite không có lịch sử cập nhật cấu trúc (__drizzle_migrations).", en: "The SQLite file has no migration history." };
  const applied = (client.prepare("select count(*) n from __drizzle_migrations").get() as { n: number }).n;
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  const known = journal.entries.length;
  if (applied < known)
    return {
      vi: `Tệp SQLite mới cập nhật cấu trúc ${applied}/${known} lần: chạy npm run db:migrate trước.`,
      en: `The SQLite file has ${applied} of ${known} migrations: run npm run db:migrate first.`,
    };
  if (applied > known)
    return {
      vi: `Tệp SQLite từ phiên bản mới hơn (${applied} lần cập nhật cấu trúc, phiên bản này biết ${known}).`,
      en: `The SQLite file comes from a newer version (${applied} migrations, this version knows ${known}).`,
    };
  const known_tables = new Set(tables.map((t) => t.name));
  const unknown = names.filter((n) => !n.startsWith("sqlite_") && n !== "__drizzle_migrations" && !known_tables.has(n));
  if (unknown.length > 0)
    return {
      vi: `Tệp SQLite có bảng mà lược đồ không biết (sẽ bị mất): ${unknown.join(", ")}.`,
      en: `The SQLite file has tables the schema does not know (they would be lost): ${unknown.join(", ")}.`,
    };
  return null;
}

async function readBatch(source: Db, t: TablePair, size: number, after: unknown, offset: number): Promise<Record<string, unknown>[]> {
  const columns = getTableColumns(t.sqlite) as Record<string, SQLiteColumn>;
  const order = t.primaryKey.map((k) => asc(columns[k]));
  if (t.primaryKey.length === 1) {
    const key = columns[t.primaryKey[0]];
    return (await source
      .select()
      .from(t.sqlite)
      .where(after === undefined ? undefined : gt(key, after))
      .orderBy(...order)
      .limit(size)) as Record<string, unknown>[];
  }
  return (await source
    .select()
    .from(t.sqlite)
    .orderBy(...order)
    .limit(size)
    .offset(offset)) as Record<string, unknown>[];
}

// ---------------------------------------------------------------------------
// The target

/** Tables the migrations fill (the standard kinds, db/migrations-pg/0004): the copy replaces their rows with the source's. */
const MIGRATION_DATA = new Set(["unit_kinds", "body_kinds"]);

async function targetTablesWithRows(db: Executor, tables: TablePair[]): Promise<string[]> {
  const full: string[] = [];
  for (const t of tables) {
    if (MIGRATION_DATA.has(t.name)) continue;
    const exists = await db.execute<{ present: boolean }>(sql`select to_regclass(${`public.${t.name}`}) is not null as present`);
    if (!exists.rows[0].present) continue;
    const any = await db.execute<{ found: boolean }>(sql`select exists (select 1 from ${sql.identifier(t.name)}) as found`);
    if (any.rows[0].found) full.push(t.name);
  }
  return full;
}

const refusedFull = (tables: string[]): ExportResult => ({
  status: "refused",
  vi: `Cơ sở dữ liệu PostgreSQL đích đã có dữ liệu (bảng ${tables.join(", ")}): không chép, không thay đổi gì.`,
  en: `The target PostgreSQL database already holds data (${tables.join(", ")}): nothing copied, nothing changed.`,
});

/** Sets the self-references of `t` held back at insert: `update … from (values …)`, a batch at a time. */
async function setSelfReferences(tx: Executor, t: TablePair, pending: { id: unknown; key: string; ref: unknown }[], size: number) {
  const columns = getTableColumns(t.pg) as Record<string, PgColumn>;
  const id = columns[t.primaryKey[0]];
  for (const key of t.selfRefs) {
    const column = columns[key];
    const type = sql.raw(column.getSQLType());
    const rows = pending.filter((p) => p.key === key);
    for (let i = 0; i < rows.length; i += size) {
      const values = sql.join(
        rows.slice(i, i + size).map((p) => sql`(${p.id}::${type}, ${p.ref}::${type})`),
        sql`, `,
      );
      await tx.execute(
        sql`update ${sql.identifier(t.name)} set ${sql.identifier(column.name)} = v.ref from (values ${values}) as v(id, ref) where ${sql.identifier(t.name)}.${sql.identifier(id.name)} = v.id`,
      );
    }
  }
}

async function postgresFigures(db: PgDb, tables: TablePair[]): Promise<Figures> {
  const figures: Figures = { tables: new Map(), checkIns: new Map(), invitations: new Map(), tallies: new Map() };
  for (const t of tables) {
    const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(t.name)}`);
    figures.tables.set(t.name, r.rows[0].n);
  }
  const checkIns = await db.execute<{ key: number; n: number }>(sql`select conference_id as key, count(*)::int as n from check_ins group by conference_id`);
  figures.checkIns = counted(checkIns.rows);
  const invitations = await db.execute<{ key: string; n: number }>(sql`select status as key, count(*)::int as n from invitations group by status`);
  figures.invitations = counted(invitations.rows);
  figures.tallies = tallyFigures((await db.execute<Record<string, unknown>>(sql.raw(talliesQuery))).rows);
  return figures;
}

function compare(a: Map<string, number>, b: Map<string, number>, order?: string[]): Comparison[] {
  const keys = order ?? [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x.localeCompare(y, "en", { numeric: true }));
  return keys.map((key) => ({ key, sqlite: a.get(key) ?? 0, postgres: b.get(key) ?? 0 }));
}

// ---------------------------------------------------------------------------

/** Copies the SQLite file `sqliteFile` into the PostgreSQL at `url` (empty, or refused), then verifies the copy. */
export async function exportToPostgres(sqliteFile: string, url: string, options: ExportOptions = {}): Promise<ExportResult> {
  const started = performance.now();
  const tables = tablesInCopyOrder();
  if (!fs.existsSync(sqliteFile)) return { status: "refused", vi: `Không có tệp SQLite ${sqliteFile}.`, en: `There is no SQLite file ${sqliteFile}.` };
  const source = openReadOnlyDatabase(sqliteFile);
  const { pool, db } = openPostgres(url);
  try {
    const problem = sourceProblem(source, tables);
    if (problem) return { status: "refused", ...problem };
    const full = await targetTablesWithRows(db, tables);
    if (full.length > 0) return refusedFull(full);

    await migratePostgres(db);
    const identities = new Set(
      (
        await db.execute<{ table_name: string }>(
          sql`select table_name from information_schema.columns where table_schema = 'public' and is_identity = 'YES' and column_name = 'id'`,
        )
      ).rows.map((r) => r.table_name),
    );

    // One snapshot of the source for the rows and the figures they are checked against.
    source.$client.exec("begin");
    let expected: Figures;
    const copied: { table: string; rows: number }[] = [];
    try {
      expected = sqliteFigures(source, tables);
      const raced = await db.transaction(async (tx) => {
        // Two exports at once into one target: the second waits here, then finds the first's rows.
        await tx.execute(sql`lock table units, users in exclusive mode`);
        const nowFull = await targetTablesWithRows(tx, tables);
        if (nowFull.length > 0) return nowFull;
        for (const name of MIGRATION_DATA) await tx.execute(sql`delete from ${sql.identifier(name)}`);
        for (const t of tables) {
          if (KEPT_BY_TRIGGERS.has(t.name)) continue;
          const tableStarted = performance.now();
          const columnCount = Object.keys(getTableColumns(t.pg)).length;
          const size = Math.max(1, Math.min(options.batchSize ?? 1000, Math.floor(65535 / columnCount)));
          const pending: { id: unknown; key: string; ref: unknown }[] = [];
          let rows = 0;
          let after: unknown = undefined;
          for (;;) {
            const batch = await readBatch(source, t, size, after, rows);
            if (batch.length === 0) break;
            for (const row of batch) {
              for (const key of t.selfRefs) {
                if (row[key] !== null && row[key] !== undefined) pending.push({ id: row[t.primaryKey[0]], key, ref: row[key] });
                row[key] = null;
              }
            }
            const insert = identities.has(t.name) ? tx.insert(t.pg).overridingSystemValue() : tx.insert(t.pg);
            await insert.values(batch as PgTable["$inferInsert"][]);
            rows += batch.length;
            after = batch[batch.length - 1][t.primaryKey[0]];
            if (batch.length < size) break;
          }
          if (pending.length > 0) await setSelfReferences(tx, t, pending, size);
          if (identities.has(t.name)) {
            const table = sql.identifier(t.name);
            await tx.execute(sql`select setval(pg_get_serial_sequence(${t.name}, 'id'), coalesce(max(id), 1), max(id) is not null) from ${table}`);
          }
          copied.push({ table: t.name, rows });
          options.onTable?.(t.name, rows, Math.round(performance.now() - tableStarted));
        }
        return null;
      });
      if (raced) return refusedFull(raced);
    } finally {
      source.$client.exec("commit");
    }

    // The planner's statistics and the visibility map for the rows just copied (index-only scans need it), as a
    // database in service has them from autovacuum: the first reports run as fast as they will later.
    await db.execute(sql`vacuum analyze`);
    const actual = await postgresFigures(db, tables);
    const verification: Verification = {
      ok: false,
      tables: compare(
        expected.tables,
        actual.tables,
        tables.filter((t) => !KEPT_BY_TRIGGERS.has(t.name)).map((t) => t.name),
      ),
      checkInsByConference: compare(expected.checkIns, actual.checkIns),
      invitationsByStatus: compare(expected.invitations, actual.invitations),
      talliesByConference: compare(expected.tallies, actual.tallies),
    };
    verification.ok = [verification.tables, verification.checkInsByConference, verification.invitationsByStatus, verification.talliesByConference].every(
      (list) => list.every((c) => c.sqlite === c.postgres),
    );
    return {
      status: "done",
      rows: copied.reduce((sum, c) => sum + c.rows, 0),
      ms: Math.round(performance.now() - started),
      copied,
      verification,
    };
  } finally {
    await closeDatabase(source);
    await pool.end();
  }
}
