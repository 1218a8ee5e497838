/**
 * Migration 0008 rebuilds tables that others refer to (bodies, units,
 * campaign_requirements). It must keep every row of a database made by the
 * earlier migrations, with its foreign keys intact.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { writerForSetup, closeDatabase, MIGRATIONS_FOLDER, migrateDatabase, openDatabase } from "./client";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-migrate-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A copy of the migrations folder holding only the first `count` migrations. */
function migrationsUpTo(count: number): string {
  const folder = path.join(dir, `migrations-${count}`);
  fs.mkdirSync(path.join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"));
  journal.entries = journal.entries.slice(0, count);
  fs.writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify(journal));
  for (const entry of journal.entries) fs.copyFileSync(path.join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  return folder;
}

describe("migration 0008 (organisation as data)", () => {
  it("keeps the rows of an older database, its references and its kinds", async () => {
    const file = path.join(dir, "old.db");
    const old = new Database(file);
    old.pragma("foreign_keys = ON");
    migrate(drizzle({ client: old }), { migrationsFolder: migrationsUpTo(8) });
    old.exec(`
      insert into units (id, code, name, kind, place_name, parent_id) values (1, '51', 'Tỉnh Quảng Ngãi', 'tinh', 'Quảng Ngãi', null), (2, '535', 'Huyện Ba Tơ', 'huyen', 'Ba Tơ', 1), (3, 'X1', 'Đơn vị lạ', 'loai_rieng', 'Lạ', 1);
      insert into bodies (id, unit_id, kind, name, symbol) values (7, 2, 'propaganda', 'Ban Tuyên giáo Huyện ủy Ba Tơ', 'BTGHU');
      insert into users (id, username, password_hash, full_name, role, unit_id, body_id) values (1, 'tochuc', 'x', 'Cán bộ', 'organizer', 2, 7);
      insert into campaigns (id, title, resolution, start_date, deadline) values (1, 'Đợt', 'NQ', '2021-01-01', '2021-03-31');
      insert into campaign_requirements (id, campaign_id, unit_kind, body_kind, title) values (4, 1, 'huyen', 'propaganda', 'Hội nghị Ban Tuyên giáo');
      insert into conferences (id, campaign_id, unit_id, body_id, requirement_id, title, starts_at, ends_at, status) values (9, 1, 2, 7, 4, 'Hội nghị', 1000, 2000, 'held');
    `);
    old.close();

    const db = openDatabase(file);
    await migrateDatabase(db);
    const one = (query: string) => writerForSetup(db).$client.prepare(query).get() as Record<string, unknown>;
    expect(one("select count(*) n from units").n).toBe(3);
    expect(one("select kind, parent_line, retired_at from bodies where id = 7")).toEqual({ kind: "propaganda", parent_line: "", retired_at: null });
    expect(one("select body_id from users where id = 1").body_id).toBe(7);
    expect(one("select requirement_id, former_unit_id from conferences where id = 9")).toEqual({ requirement_id: 4, former_unit_id: null });
    // Kinds: the standard list, plus any kind the old rows already used (labelled by its key until an admin names it).
    expect(one("select label from unit_kinds where key = 'xa'").label).toBe("Xã");
    expect(one("select label from unit_kinds where key = 'loai_rieng'").label).toBe("loai_rieng");
    expect(one("select label from body_kinds where key = 'propaganda_mass_mobilisation'").label).toBe("Ban Tuyên giáo và Dân vận");
    expect(db.$client.pragma("foreign_key_check")).toEqual([]);
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    // The kinds are now enforced: a typo is refused.
    expect(() => writerForSetup(db).$client.prepare("insert into bodies (unit_id, kind, name, symbol) values (2, 'propoganda', 'Sai', 'S')").run()).toThrow(
      /FOREIGN KEY/,
    );
    await closeDatabase(db);
  });
});

describe("migration 0009 (letter signers, bài thu hoạch)", () => {
  it("adds columns without touching conferences, invitations or check-ins", async () => {
    const file = path.join(dir, "before-0009.db");
    const old = new Database(file);
    old.pragma("foreign_keys = ON");
    migrate(drizzle({ client: old }), { migrationsFolder: migrationsUpTo(9) });
    old.exec(`
      insert into units (id, code, name, kind, place_name, parent_id) values (1, '51', 'Tỉnh Quảng Ngãi', 'tinh', 'Quảng Ngãi', null);
      insert into bodies (id, unit_id, kind, name, symbol) values (7, 1, 'propaganda', 'Ban Tuyên giáo Tỉnh ủy', 'BTGTU');
      insert into campaigns (id, title, resolution, start_date, deadline) values (1, 'Đợt', 'NQ', '2021-01-01', '2021-03-31');
      insert into conferences (id, campaign_id, unit_id, body_id, title, starts_at, ends_at, status) values (9, 1, 1, 7, 'Hội nghị', 1000, 2000, 'held');
    `);
    old.close();

    const db = openDatabase(file);
    await migrateDatabase(db);
    const one = (query: string) => writerForSetup(db).$client.prepare(query).get() as Record<string, unknown>;
    expect(one("select title, sign_form, signer_name from conferences where id = 9")).toEqual({ title: "Hội nghị", sign_form: null, signer_name: null });
    expect(one("select heading_name, sign_form, signer_title from bodies where id = 7")).toEqual({ heading_name: "", sign_form: "", signer_title: "" });
    expect(() => writerForSetup(db).$client.prepare("update bodies set sign_form = 'TM' where id = 7").run()).toThrow(/CHECK/);
    expect(() => writerForSetup(db).$client.prepare("update conferences set sign_form = 'K/T ' where id = 9").run()).toThrow(/CHECK/);
    expect(() =>
      writerForSetup(db).$client.prepare("insert into reflection_essays (invitation_id, conference_id, submitted_on) values (1, 9, '03/03/2021')").run(),
    ).toThrow(/CHECK/);
    expect(db.$client.pragma("foreign_key_check")).toEqual([]);
    await closeDatabase(db);
  });
});
