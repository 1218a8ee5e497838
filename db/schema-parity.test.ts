/**
 * The two schemas are the same schema (docs/decisions/0035, point 1): a fresh SQLite file migrated by the app's own
 * `migrateDatabase` (db/migrations) and a real PostgreSQL migrated by `migratePostgres` (db/postgres.ts: db/migrations-pg) are
 * read back from their catalogs and compared fact by fact: tables; columns with nullability, default and type; primary
 * keys and identity ids; indexes (unique or not, partial or not, their column list, expressions included); foreign
 * keys (columns → table(columns), on delete, on update); CHECK constraints by name. Then the triggers of migration
 * 0006 and their PostgreSQL twins are run through the same scenario.
 *
 * Not compared: the text of CHECK constraints and of partial indexes' conditions (the dialects write them
 * differently: `is_main = 1` against `is_main`, `glob` against `~`).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getTableColumns, is } from "drizzle-orm";
import { SQLiteTable, getTableConfig } from "drizzle-orm/sqlite-core";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type PostgresServer } from "@/lib/testing/postgres-server";
import { writerForSetup, closeDatabase, migrateDatabase, openDatabase, type Db } from "./client";
import { migratePostgres, openPostgres } from "./postgres";
import * as sqliteSchema from "./schema-sqlite";

let server: PostgresServer;
let pool: pg.Pool;
let sqlite: Db;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-parity-"));

beforeAll(async () => {
  server = await startPostgres();
  const postgres = openPostgres(server.url);
  pool = postgres.pool;
  await migratePostgres(postgres.db);
  sqlite = openDatabase(path.join(dir, "parity.db"));
  await migrateDatabase(sqlite);
});
afterAll(async () => {
  if (sqlite) await closeDatabase(sqlite);
  await pool?.end();
  server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------
// Facts: one line per thing both catalogs must hold, written the same way for both engines.

/** An index column or expression as both engines can agree on it: lower case, no quotes, no table prefix, no spaces. */
function normaliseExpression(text: string, table: string): string {
  return text.toLowerCase().replace(/[`"]/g, "").replaceAll(`${table}.`, "").replace(/\s+/g, "");
}

/** Defaults as both engines can agree on them: PostgreSQL's casts dropped, SQLite's epoch-milliseconds "now" read as now(). */
function normaliseDefault(text: string | null): string {
  if (text === null) return "none";
  if (/^\(?cast\(unixepoch\('subsec'\) \* 1000 as integer\)\)?$/.test(text)) return "now()";
  return text.replace(/::[a-z ]+(\[\])?$/, "");
}

/** The PostgreSQL type each SQLite column of db/schema.ts maps to (the choices written at the top of db/schema-pg.ts). */
const PG_TYPE_OF: Record<string, string> = {
  SQLiteInteger: "integer",
  SQLiteTimestamp: "timestamp(3) with time zone",
  SQLiteBoolean: "boolean",
  SQLiteText: "text",
  SQLiteTextJson: "json or jsonb",
};

/** The expected PostgreSQL type of every column, from db/schema.ts's drizzle definitions (SQLite's catalog says only "integer" or "text"). */
function expectedTypes(): Map<string, string> {
  const types = new Map<string, string>();
  for (const value of Object.values(sqliteSchema)) {
    if (!is(value, SQLiteTable)) continue;
    const table = getTableConfig(value).name;
    for (const column of Object.values(getTableColumns(value))) {
      types.set(`${table}.${column.name}`, PG_TYPE_OF[column.columnType] ?? `unmapped ${column.columnType}`);
    }
  }
  return types;
}

type Row = Record<string, unknown>;

function sqliteFacts(db: Db): string[] {
  const all = (query: string) => writerForSetup(db).$client.prepare(query).all() as Row[];
  const facts: string[] = [];
  const types = expectedTypes();
  const tables = all("pragma table_list")
    .filter((t) => t.schema === "main" && t.type === "table" && !String(t.name).startsWith("sqlite_") && t.name !== "__drizzle_migrations")
    .map((t) => String(t.name))
    .sort();
  for (const table of tables) {
    facts.push(`table ${table}`);
    const createSql = String((db.$client.prepare("select sql from sqlite_master where type = 'table' and name = ?").get(table) as Row).sql);
    const columns = all(`pragma table_info("${table}")`);
    for (const c of columns) {
      facts.push(`column ${table}.${c.name}: ${c.notnull ? "not null" : "null"}, default ${normaliseDefault(c.dflt_value as string | null)}`);
      facts.push(`type ${table}.${c.name}: ${types.get(`${table}.${c.name}`) ?? "not in db/schema.ts"}`);
      if (new RegExp(`[\`"]${c.name}[\`"] integer PRIMARY KEY AUTOINCREMENT`, "i").test(createSql)) facts.push(`identity ${table}.${c.name}`);
    }
    const pk = columns
      .filter((c) => Number(c.pk) > 0)
      .sort((a, b) => Number(a.pk) - Number(b.pk))
      .map((c) => c.name);
    if (pk.length > 0) facts.push(`primary key ${table} (${pk.join(", ")})`);

    for (const index of all(`pragma index_list("${table}")`)) {
      if (index.origin === "pk") continue;
      const indexSql = (db.$client.prepare("select sql from sqlite_master where type = 'index' and name = ?").get(index.name) as Row | undefined)?.sql;
      const expressions = indexSql ? topLevelList(String(indexSql)) : [];
      const keys = all(`pragma index_info("${index.name}")`).sort((a, b) => Number(a.seqno) - Number(b.seqno));
      const columnList = keys.map((k, i) => (k.name === null ? normaliseExpression(expressions[i] ?? "?", table) : String(k.name)));
      facts.push(`${index.unique ? "unique index" : "index"} ${table}.${index.name} (${columnList.join(", ")})${index.partial ? " where …" : ""}`);
    }

    const foreignKeys = new Map<number, Row[]>();
    for (const fk of all(`pragma foreign_key_list("${table}")`)) foreignKeys.set(Number(fk.id), [...(foreignKeys.get(Number(fk.id)) ?? []), fk]);
    for (const parts of foreignKeys.values()) {
      parts.sort((a, b) => Number(a.seq) - Number(b.seq));
      const from = parts.map((p) => p.from).join(", ");
      const to = parts.map((p) => p.to).join(", ");
      const { table: target, on_delete, on_update } = parts[0];
      facts.push(`foreign key ${table} (${from}) → ${target}(${to}) on delete ${String(on_delete).toLowerCase()} on update ${String(on_update).toLowerCase()}`);
    }

    for (const match of createSql.matchAll(/CONSTRAINT\s+[`"]?(\w+)[`"]?\s+CHECK/gi)) facts.push(`check ${table}.${match[1]}`);
  }
  return facts;
}

/** The comma-separated list inside the first top-level parentheses after " ON table" of a CREATE INDEX. */
function topLevelList(createIndex: string): string[] {
  const start = createIndex.indexOf("(", createIndex.search(/\sON\s/i));
  const items: string[] = [];
  let depth = 0;
  let current = "";
  for (let i = start + 1; i < createIndex.length; i++) {
    const ch = createIndex[i];
    if (ch === "(") depth++;
    if (ch === ")") {
      if (depth === 0) break;
      depth--;
    }
    if (ch === "," && depth === 0) {
      items.push(current.trim());
      current = "";
    } else current += ch;
  }
  items.push(current.trim());
  return items;
}

const ACTIONS: Record<string, string> = { a: "no action", r: "restrict", c: "cascade", n: "set null", d: "set default" };

async function postgresFacts(client: pg.Pool): Promise<string[]> {
  const rows = async (query: string) => (await client.query<Row>(query)).rows;
  const facts: string[] = [];
  const tables = (await rows("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'"))
    .map((t) => String(t.table_name))
    .sort();
  for (const table of tables) facts.push(`table ${table}`);

  for (const c of await rows(
    `select table_name, column_name, is_nullable, column_default, is_identity, identity_generation, data_type, datetime_precision
       from information_schema.columns where table_schema = 'public'`,
  )) {
    const name = `${c.table_name}.${c.column_name}`;
    facts.push(`column ${name}: ${c.is_nullable === "NO" ? "not null" : "null"}, default ${normaliseDefault(c.column_default as string | null)}`);
    const type =
      c.data_type === "timestamp with time zone"
        ? `timestamp(${c.datetime_precision}) with time zone`
        : c.data_type === "json" || c.data_type === "jsonb"
          ? "json or jsonb"
          : String(c.data_type);
    facts.push(`type ${name}: ${type}`);
    if (c.is_identity === "YES") facts.push(`identity ${name}`);
  }

  const columnsOf = (relation: string, keys: string) =>
    `(select array_agg(a.attname::text order by k.ord) from unnest(${keys}) with ordinality k(attnum, ord)
        join pg_attribute a on a.attrelid = ${relation} and a.attnum = k.attnum)`;
  for (const k of await rows(
    `select c.conrelid::regclass::text as table_name, ${columnsOf("c.conrelid", "c.conkey")} as columns
       from pg_constraint c where c.contype = 'p' and c.connamespace = 'public'::regnamespace`,
  )) {
    facts.push(`primary key ${k.table_name} (${(k.columns as string[]).join(", ")})`);
  }

  for (const index of await rows(
    `select t.relname as table_name, i.relname as index_name, x.indisunique as unique, x.indpred is not null as partial,
            (select array_agg(pg_get_indexdef(x.indexrelid, n, true) order by n) from generate_series(1, x.indnkeyatts) n) as columns
       from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      where t.relnamespace = 'public'::regnamespace and not x.indisprimary`,
  )) {
    const table = String(index.table_name);
    const columnList = (index.columns as string[]).map((c) => normaliseExpression(c, table));
    facts.push(`${index.unique ? "unique index" : "index"} ${table}.${index.index_name} (${columnList.join(", ")})${index.partial ? " where …" : ""}`);
  }

  for (const fk of await rows(
    `select c.conrelid::regclass::text as table_name, c.confrelid::regclass::text as target, c.confdeltype, c.confupdtype,
            ${columnsOf("c.conrelid", "c.conkey")} as from_columns, ${columnsOf("c.confrelid", "c.confkey")} as to_columns
       from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace`,
  )) {
    const from = (fk.from_columns as string[]).join(", ");
    const to = (fk.to_columns as string[]).join(", ");
    facts.push(
      `foreign key ${fk.table_name} (${from}) → ${fk.target}(${to}) on delete ${ACTIONS[String(fk.confdeltype)]} on update ${ACTIONS[String(fk.confupdtype)]}`,
    );
  }

  for (const check of await rows(
    "select c.conrelid::regclass::text as table_name, c.conname from pg_constraint c where c.contype = 'c' and c.connamespace = 'public'::regnamespace",
  )) {
    facts.push(`check ${check.table_name}.${check.conname}`);
  }
  return facts;
}

/** Every fact only one engine holds, marked with the engine that holds it, in a stable order. */
function difference(sqliteSide: string[], postgresSide: string[]): string[] {
  const s = new Set(sqliteSide);
  const p = new Set(postgresSide);
  return [
    ...[...s].filter((f) => !p.has(f)).map((f) => `only in SQLite:     ${f}`),
    ...[...p].filter((f) => !s.has(f)).map((f) => `only in PostgreSQL: ${f}`),
  ].sort((a, b) => a.slice(20).localeCompare(b.slice(20)) || a.localeCompare(b));
}

describe("the PostgreSQL schema (db/schema-pg.ts, db/migrations-pg) against the SQLite one", () => {
  it("has the same tables, columns, keys, indexes, foreign keys and CHECK constraints", async () => {
    const sqliteSide = sqliteFacts(sqlite);
    const postgresSide = await postgresFacts(pool);
    // Not vacuous: both sides read the whole model.
    expect(sqliteSide.filter((f) => f.startsWith("table ")).length).toBe(27);
    expect(sqliteSide.filter((f) => f.startsWith("check ")).length).toBeGreaterThan(15);
    expect(sqliteSide.some((f) => f.startsWith("unique index conferences.conferences_requirement_unit_unique (requirement_id, coalesce("))).toBe(true);
    const count = (prefix: string) => sqliteSide.filter((f) => f.startsWith(prefix)).length;
    expect(count("identity ")).toBeGreaterThan(15);
    expect(count("foreign key ")).toBeGreaterThan(50);
    expect(count("index ") + count("unique index ")).toBeGreaterThan(40);
    const diff = difference(sqliteSide, postgresSide);
    expect(diff, `The schemas differ:\n${diff.join("\n")}\n`).toEqual([]);
  });

  it("finds a difference when there is one (the comparison is not blind)", async () => {
    await pool.query("create table parity_probe (id integer primary key)");
    await pool.query("alter table people alter column phone set not null");
    try {
      const diff = difference(sqliteFacts(sqlite), await postgresFacts(pool));
      expect(diff).toEqual(
        expect.arrayContaining([
          "only in SQLite:     column people.phone: null, default none",
          "only in PostgreSQL: column people.phone: not null, default none",
          "only in PostgreSQL: table parity_probe",
        ]),
      );
    } finally {
      await pool.query("drop table parity_probe");
      await pool.query("alter table people alter column phone drop not null");
    }
  });
});

// ---------------------------------------------------------------------------
// The copies of a person's membership and category on their invitations (SQLite's migration 0006, PostgreSQL's 0001).

interface Engine {
  name: string;
  /** Runs one statement, gives its rows. */
  query(text: string): Promise<Row[]>;
  /** A time literal for the engine: epoch milliseconds on SQLite, a timestamptz on PostgreSQL. */
  time(ms: number): string;
}

const engines: Engine[] = [
  {
    name: "SQLite",
    query: async (text) => {
      const statement = writerForSetup(sqlite).$client.prepare(text);
      return statement.reader ? (statement.all() as Row[]) : (statement.run(), []);
    },
    time: (ms) => String(ms),
  },
  {
    name: "PostgreSQL",
    query: async (text) => (await pool.query<Row>(text)).rows,
    time: (ms) => `to_timestamp(${ms} / 1000.0)`,
  },
];

let fixtures = 0;

/** A unit, a body, a campaign, a conference and its main site, on one engine. */
async function conferenceFixture(engine: Engine) {
  const one = async (text: string) => (await engine.query(text))[0];
  const tag = `${engine.name}-${++fixtures}`;
  await engine.query("insert into unit_kinds (key, label) values ('tinh', 'Tỉnh') on conflict do nothing");
  await engine.query("insert into body_kinds (key, label) values ('propaganda', 'Ban Tuyên giáo') on conflict do nothing");
  const unit = (await one(`insert into units (code, name, kind, place_name) values ('${tag}', 'Tỉnh Thử', 'tinh', 'Thử') returning id`)).id;
  const body = (await one(`insert into bodies (unit_id, kind, name, symbol) values (${unit}, 'propaganda', 'Ban Tuyên giáo Tỉnh ủy', 'BTGTU') returning id`))
    .id;
  const campaign = (await one("insert into campaigns (title, resolution, start_date, deadline) values ('Đợt', 'NQ', '2021-01-01', '2021-03-31') returning id"))
    .id;
  const conference = (
    await one(
      `insert into conferences (campaign_id, unit_id, body_id, title, starts_at, ends_at)
       values (${campaign}, ${unit}, ${body}, 'Hội nghị', ${engine.time(1_000_000)}, ${engine.time(2_000_000)}) returning id`,
    )
  ).id;
  const site = (await one(`insert into sites (conference_id, unit_id, is_main, venue) values (${conference}, ${unit}, true, 'Hội trường') returning id`)).id;
  return { one, unit, body, campaign, conference, site };
}

describe.each(engines)("on $name", (engine) => {
  it("the attendee copies follow the person on insert, on a change of person and on a change of membership or category", async () => {
    const { one, unit, body, conference, site } = await conferenceFixture(engine);
    const copies = async (invitationId: unknown) => {
      const row = await one(`select attendee_party_member as member, attendee_category as category from invitations where id = ${invitationId}`);
      return { member: Boolean(row.member), category: row.category };
    };
    const person = async (name: string, member: boolean, category: string) =>
      (
        await one(
          `insert into people (full_name, search_name, unit_id, is_party_member, category) values ('${name}', '${name}', ${unit}, ${member}, '${category}') returning id`,
        )
      ).id;
    const an = await person("Nguyễn Văn An", false, "doan_vien");
    const binh = await person("Trần Thị Bình", true, "giao_vien");

    // Insert: copied from the person, whatever the insert said.
    const invitation = (
      await one(
        `insert into invitations (conference_id, person_id, body_id, site_id, attendee_party_member, attendee_category)
         values (${conference}, ${an}, ${body}, ${site}, true, 'sai') returning id`,
      )
    ).id;
    expect(await copies(invitation)).toEqual({ member: false, category: "doan_vien" });

    // The person's membership and category change: the invitation follows.
    await engine.query(`update people set is_party_member = true, category = 'can_bo_chu_chot' where id = ${an}`);
    expect(await copies(invitation)).toEqual({ member: true, category: "can_bo_chu_chot" });
    await engine.query(`update people set category = 'bao_cao_vien' where id = ${an}`);
    expect(await copies(invitation)).toEqual({ member: true, category: "bao_cao_vien" });
    // Another field: nothing to copy, nothing changes.
    await engine.query(`update people set position = 'Bí thư' where id = ${an}`);
    expect(await copies(invitation)).toEqual({ member: true, category: "bao_cao_vien" });

    // The invitation moves to another person (a merge): it copies that person.
    await engine.query(`update invitations set person_id = ${binh} where id = ${invitation}`);
    expect(await copies(invitation)).toEqual({ member: true, category: "giao_vien" });
    await engine.query(`update people set is_party_member = false where id = ${binh}`);
    expect(await copies(invitation)).toEqual({ member: false, category: "giao_vien" });
    // The first person's changes no longer reach it.
    await engine.query(`update people set category = 'khac' where id = ${an}`);
    expect(await copies(invitation)).toEqual({ member: false, category: "giao_vien" });

    // An invitation for nobody is still refused.
    await expect(
      engine.query(`insert into invitations (conference_id, person_id, body_id, site_id) values (${conference}, 999999, ${body}, ${site})`),
    ).rejects.toThrow(/constraint/i);
  });

  // The conditions the catalogs cannot compare as text, compared by what they refuse and what they let through.
  it("the partial unique indexes and CHECK constraints refuse and accept the same rows", async () => {
    const { one, unit, body, campaign, conference } = await conferenceFixture(engine);
    const refused = async (text: string) => expect(engine.query(text), text).rejects.toThrow(/constraint/i);
    const accepted = async (text: string) => expect(engine.query(text), text).resolves.toBeDefined();

    // One main site per conference; any number of bridge points.
    await refused(`insert into sites (conference_id, unit_id, is_main, venue) values (${conference}, ${unit}, true, 'Hội trường 2')`);
    await accepted(`insert into sites (conference_id, unit_id, is_main, venue) values (${conference}, ${unit}, false, 'Điểm cầu 1')`);
    await accepted(`insert into sites (conference_id, unit_id, is_main, venue) values (${conference}, ${unit}, false, 'Điểm cầu 2')`);

    // One conference per requirement and unit, unless it was cancelled.
    const requirement = (
      await one(
        `insert into campaign_requirements (campaign_id, unit_kind, body_kind, title) values (${campaign}, 'tinh', 'propaganda', 'Hội nghị') returning id`,
      )
    ).id;
    const held = (status: string, extra = "") =>
      `insert into conferences (campaign_id, unit_id, body_id, requirement_id, title, starts_at, ends_at, status${extra ? ", cancel_reason" : ""})
       values (${campaign}, ${unit}, ${body}, ${requirement}, 'Hội nghị', ${engine.time(1_000_000)}, ${engine.time(2_000_000)}, '${status}'${extra ? `, '${extra}'` : ""})`;
    await accepted(held("held"));
    await refused(held("scheduled"));
    await accepted(held("cancelled", "Hoãn"));
    await refused(held("cancelled"));

    // Other CHECK constraints.
    const conferenceWith = (columns: string, values: string) =>
      `insert into conferences (campaign_id, unit_id, body_id, title, ${columns}) values (${campaign}, ${unit}, ${body}, 'Hội nghị', ${values})`;
    await refused(conferenceWith("starts_at, ends_at", `${engine.time(2_000_000)}, ${engine.time(1_000_000)}`));
    await refused(conferenceWith("starts_at, ends_at, grace_minutes", `${engine.time(1_000_000)}, ${engine.time(2_000_000)}, 241`));
    await refused(conferenceWith("starts_at, ends_at, status", `${engine.time(1_000_000)}, ${engine.time(2_000_000)}, 'done'`));
    await refused(conferenceWith("starts_at, ends_at, sign_form", `${engine.time(1_000_000)}, ${engine.time(2_000_000)}, 'T/X'`));
    await accepted(conferenceWith("starts_at, ends_at, sign_form", `${engine.time(1_000_000)}, ${engine.time(2_000_000)}, 'K/T'`));
    await refused("insert into campaigns (title, resolution, start_date, deadline) values ('Đợt', 'NQ', '2021-03-01', '2021-01-31')");
    await refused(
      `insert into users (username, password_hash, full_name, role, unit_id) values ('tochuc-${engine.name}', 'x', 'Cán bộ', 'organizer', ${unit})`,
    );
    await refused(`insert into users (username, password_hash, full_name, role, unit_id) values ('chu-${engine.name}', 'x', 'Cán bộ', 'owner', ${unit})`);
    await refused(`insert into sites (conference_id, unit_id, venue, capacity) values (${conference}, ${unit}, 'Phòng', 0)`);

    const person = (await one(`insert into people (full_name, search_name, unit_id) values ('Lê Văn Cường', 'le van cuong', ${unit}) returning id`)).id;
    const site = (await one(`select id from sites where conference_id = ${conference} and is_main = true`)).id;
    const invitation = (
      await one(`insert into invitations (conference_id, person_id, body_id, site_id) values (${conference}, ${person}, ${body}, ${site}) returning id`)
    ).id;
    const essay = (date: string) =>
      `insert into reflection_essays (invitation_id, conference_id, submitted_on) values (${invitation}, ${conference}, '${date}')`;
    await refused(essay("20/03/2021"));
    await refused(essay("2021-03-20 "));
    await accepted(essay("2021-03-20"));
    await refused(`insert into absences (invitation_id, reason, recorded_at) values (${invitation}, 'lazy', ${engine.time(1_000_000)})`);
    await accepted(`insert into absences (invitation_id, reason, recorded_at) values (${invitation}, null, ${engine.time(1_000_000)})`);
  });
});
