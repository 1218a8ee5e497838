/**
 * npm run db:export-to-postgres's logic on real servers: a copy of the demo SQLite database into a fresh PostgreSQL
 * (lib/testing/postgres-server.ts), verified, compared row by row, sequences continuing after the copied ids, and a
 * second export into the same target refused with nothing changed.
 */
import { asc, desc, eq, getTableColumns, isNotNull, sql } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type PostgresServer } from "@/lib/testing/postgres-server";
import { recordAudit } from "@/lib/audit/record-audit";
import { createDemoDb, createTestDb } from "@/lib/testing/test-db";
import { writerForSetup, type Db } from "./client";
import { exportToPostgres, tablesInCopyOrder, type ExportResult } from "./export-to-postgres";
import * as sqliteSchema from "./schema-sqlite";
import * as pgSchema from "./schema-pg";
import { TALLY_FIGURES } from "@/lib/reports/attendance-tallies";

let server: PostgresServer;
let pool: pg.Pool;
let target: NodePgDatabase<typeof pgSchema>;
let demo: Awaited<ReturnType<typeof createDemoDb>>;
let source: Db;
let result: ExportResult;

beforeAll(async () => {
  [server, demo] = await Promise.all([startPostgres(), createDemoDb()]);
  source = demo.db;
  // The demo writes no audit log: one edit as the app records it, its fields not in alphabetical order.
  const [admin] = await source.select().from(sqliteSchema.users).orderBy(asc(sqliteSchema.users.id)).limit(1);
  await recordAudit(writerForSetup(source), {
    userId: admin.id,
    action: "update",
    entity: "conference",
    entityId: 1,
    before: { title: "Hội nghị cũ", startsAt: "2026-11-28T00:30:00.000Z", sites: [{ venue: "Hội trường A", capacity: 200 }] },
    after: { title: "Hội nghị mới", startsAt: "2026-11-28T01:00:00.000Z", sites: [{ venue: "Hội trường B", capacity: null }], graceMinutes: 15 },
  });
  // Self-references pointing forward (to a later id), which only the second pass can satisfy: the first unit merged
  // into the last, the first person into the last.
  const [firstUnit, lastUnit] = [
    (await source.select().from(sqliteSchema.units).orderBy(asc(sqliteSchema.units.id)).limit(1))[0],
    (await source.select().from(sqliteSchema.units).orderBy(desc(sqliteSchema.units.id)).limit(1))[0],
  ];
  await writerForSetup(source).update(sqliteSchema.units).set({ mergedIntoId: lastUnit.id }).where(eq(sqliteSchema.units.id, firstUnit.id));
  const [firstPerson] = await source.select().from(sqliteSchema.people).orderBy(asc(sqliteSchema.people.id)).limit(1);
  const [lastPerson] = await source.select().from(sqliteSchema.people).orderBy(desc(sqliteSchema.people.id)).limit(1);
  await writerForSetup(source).update(sqliteSchema.people).set({ mergedIntoId: lastPerson.id }).where(eq(sqliteSchema.people.id, firstPerson.id));
  result = await exportToPostgres(demo.file, server.url, { batchSize: 1000 });
  pool = new pg.Pool({ connectionString: server.url, max: 2 });
  target = drizzle({ client: pool, schema: pgSchema });
}, 120_000);
afterAll(async () => {
  await pool?.end();
  server?.stop();
  await demo?.cleanup();
});

const done = () => {
  if (result.status !== "done") throw new Error(`export refused: ${result.en}`);
  return result;
};

describe("exportToPostgres", () => {
  it("copies parents before children", () => {
    const order = tablesInCopyOrder().map((t) => t.name);
    expect(order.indexOf("units")).toBeLessThan(order.indexOf("bodies"));
    expect(order.indexOf("campaigns")).toBeLessThan(order.indexOf("users"));
    expect(order.indexOf("invitations")).toBeLessThan(order.indexOf("check_ins"));
    expect(order).toHaveLength(27);
  });

  it("copies every row and the verification passes", () => {
    const r = done();
    console.log(`demo export: ${r.rows} rows in ${r.copied.length} tables, ${r.ms} ms`);
    expect(r.verification.ok).toBe(true);
    expect(r.rows).toBeGreaterThan(1000);
    const checkIns = r.verification.tables.find((t) => t.key === "check_ins")!;
    expect(checkIns.sqlite).toBeGreaterThan(0);
    expect(r.verification.checkInsByConference.length).toBeGreaterThan(0);
    expect(r.verification.invitationsByStatus.length).toBeGreaterThan(1);
    // The tallies were built by the target's triggers, not copied, and agree with the source's.
    expect(r.copied.map((c) => c.table)).not.toContain("attendance_tallies");
    expect(r.verification.talliesByConference.some((c) => c.key.endsWith(" present") && c.postgres > 0)).toBe(true);
  });

  it("keeps a conference's times as the same instants", async () => {
    const [conference] = await source.select().from(sqliteSchema.conferences).orderBy(asc(sqliteSchema.conferences.id)).limit(1);
    const [copy] = await target.select().from(pgSchema.conferences).where(eq(pgSchema.conferences.id, conference.id));
    expect(copy.startsAt).toBeInstanceOf(Date);
    expect(copy.startsAt.getTime()).toBe(conference.startsAt.getTime());
    expect(copy.endsAt.getTime()).toBe(conference.endsAt.getTime());
    expect(copy).toEqual(conference);
  });

  it("keeps a late check-in's is_late as a boolean", async () => {
    const late = await source.select().from(sqliteSchema.checkIns).where(eq(sqliteSchema.checkIns.isLate, true)).limit(1);
    const onTime = await source.select().from(sqliteSchema.checkIns).where(eq(sqliteSchema.checkIns.isLate, false)).limit(1);
    expect(late.length + onTime.length).toBeGreaterThan(0);
    for (const row of [...late, ...onTime]) {
      const [copy] = await target.select().from(pgSchema.checkIns).where(eq(pgSchema.checkIns.id, row.id));
      expect(copy.isLate).toBe(row.isLate);
      expect(copy).toEqual(row);
    }
  });

  it("keeps an audit log row's JSON", async () => {
    const [entry] = await source
      .select()
      .from(sqliteSchema.auditLog)
      .where(isNotNull(sqliteSchema.auditLog.after))
      .orderBy(desc(sqliteSchema.auditLog.id))
      .limit(1);
    expect(entry).toBeDefined();
    const [copy] = await target.select().from(pgSchema.auditLog).where(eq(pgSchema.auditLog.id, entry.id));
    expect(copy.after).toEqual(entry.after);
    expect(copy.before).toEqual(entry.before);
    // json (not jsonb): the text as written, fields in the same order.
    const raw = await pool.query<{ after: string }>("select after::text as after from audit_log where id = $1", [entry.id]);
    expect(Object.keys(JSON.parse(raw.rows[0].after) as object)).toEqual(["title", "startsAt", "sites", "graceMinutes"]);
  });

  it("holds every table's rows, field by field", async () => {
    // The attendance tallies are built by the target's triggers (decision 0039): equal where not zero (a group whose
    // figures fell back to zero keeps its row on the side where it once had some).
    const notZero = (rows: Record<string, unknown>[]) => rows.filter((row) => TALLY_FIGURES.some((figure) => row[figure] !== 0));
    for (const t of tablesInCopyOrder()) {
      const kept = t.name === "attendance_tallies" ? notZero : (rows: Record<string, unknown>[]) => rows;
      const sqliteColumns = getTableColumns(t.sqlite) as Record<string, SQLiteColumn>;
      const pgColumns = getTableColumns(t.pg) as Record<string, PgColumn>;
      const rows = kept(
        await source
          .select()
          .from(t.sqlite)
          .orderBy(...t.primaryKey.map((k) => asc(sqliteColumns[k]))),
      );
      const copies = kept(
        await target
          .select()
          .from(t.pg)
          .orderBy(...t.primaryKey.map((k) => asc(pgColumns[k]))),
      );
      expect(copies.length, t.name).toBe(rows.length);
      // Text keys sort differently (SQLite's binary order, PostgreSQL's collation): compare as sets by key.
      const key = (row: Record<string, unknown>) => t.primaryKey.map((k) => String(row[k])).join("|");
      const byKey = new Map(copies.map((c) => [key(c), c]));
      for (const row of rows) expect(byKey.get(key(row)), `${t.name} ${key(row)}`).toEqual(row);
    }
  });

  it("sets self-references that point to a later row", async () => {
    const forward = await pool.query<{ n: string }>(
      "select (select count(*) from units where merged_into_id > id) + (select count(*) from people where merged_into_id > id) as n",
    );
    expect(Number(forward.rows[0].n)).toBe(2);
    const parents = await pool.query<{ n: string }>("select count(*) n from units where parent_id is not null");
    expect(Number(parents.rows[0].n)).toBe((await source.select().from(sqliteSchema.units).where(isNotNull(sqliteSchema.units.parentId))).length);
  });

  it("refuses a source whose migrations are not all applied", async () => {
    const behind = await createTestDb();
    try {
      writerForSetup(behind.db).$client.exec("delete from __drizzle_migrations where rowid = (select max(rowid) from __drizzle_migrations)");
      const refused = await exportToPostgres(behind.file, server.url);
      expect(refused).toMatchObject({ status: "refused" });
      if (refused.status === "refused") expect(refused.en).toContain("npm run db:migrate");
    } finally {
      await behind.cleanup();
    }
  });

  it("continues each sequence after the copied ids", async () => {
    const [{ max }] = await target.select({ max: sql<number>`max(${pgSchema.units.id})` }).from(pgSchema.units);
    const [root] = await source.select().from(sqliteSchema.units).limit(1);
    const [added] = await target
      .insert(pgSchema.units)
      .values({ code: "export-test", name: "Đơn vị thử", kind: root.kind, placeName: "Thử" })
      .returning({ id: pgSchema.units.id });
    expect(added.id).toBe(max + 1);
    await target.delete(pgSchema.units).where(eq(pgSchema.units.id, added.id));
  });

  it("refuses a second export into the same target and changes nothing", async () => {
    const counts = async () =>
      (await pool.query<{ n: string }>("select (select count(*) from units) + (select count(*) from check_ins) + (select count(*) from audit_log) as n"))
        .rows[0].n;
    const migrations = async () => (await pool.query<{ n: string }>("select count(*) n from drizzle.__drizzle_migrations")).rows[0].n;
    const before = [await counts(), await migrations()];
    const again = await exportToPostgres(demo.file, server.url);
    expect(again.status).toBe("refused");
    if (again.status === "refused") {
      expect(again.vi).toContain("đã có dữ liệu");
      expect(again.en).toContain("already holds data");
      expect(again.en).toContain("units");
    }
    expect([await counts(), await migrations()]).toEqual(before);
  });
});
