import fs from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import { createDemoDb } from "@/lib/testing/test-db";
import { backupDatabase, checkBackup, restoreDatabase } from "./backup";
import { firstRow, writerForSetup, closeDatabase, openDatabase } from "./client";

/** A writer process: inserts audit rows as fast as it can, says "go" after the first. */
const WRITER = `
const Database = require(${JSON.stringify(path.join(process.cwd(), "node_modules", "better-sqlite3"))});
const db = new Database(process.argv[1]);
db.pragma("journal_mode = WAL");
db.pragma("busy_timeout = 5000");
const insert = db.prepare("insert into audit_log (action, entity, entity_id, at) values ('test_write', 'test', ?, ?)");
let n = 0;
insert.run(String(n++), Date.now());
process.stdout.write("go");
setInterval(() => { for (let i = 0; i < 20; i++) insert.run(String(n++), Date.now()); }, 1);
`;

let handle: Awaited<ReturnType<typeof createDemoDb>>;
let dir: string;
beforeAll(async () => {
  handle = await createDemoDb();
  dir = path.dirname(handle.file);
});
afterAll(() => handle.cleanup());

describe("backup and restore", () => {
  it("backs up while the database is being written, consistently, and restores it after checks", async () => {
    const before = (await firstRow(handle.db.select({ n: count() }).from(t.auditLog)))!.n;
    // Another process writes all along, as the server would.
    const writer = spawn(process.execPath, ["-e", WRITER, handle.file], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise((resolve) => writer.stdout!.once("data", resolve));
    const backup = path.join(dir, "backup.db");
    const result = await backupDatabase(handle.file, backup);
    writer.kill("SIGTERM");
    await new Promise((resolve) => {
      let out = "";
      writer.stdout!.on("data", (d) => (out += d));
      writer.on("exit", resolve);
    });
    // Counted once the writer is gone (awaited: on SQLite the query answers at once, and a `.then` on its answer is no function).
    const written = (await firstRow(handle.db.select({ n: count() }).from(t.auditLog)))!.n - before;
    expect(written).toBeGreaterThan(0);
    expect(result.bytes).toBeGreaterThan(100_000);
    const check = checkBackup(backup);
    expect(check).toMatchObject({ ok: true, problems: [] });
    expect(check.counts.invitations).toBeGreaterThan(1000);
    const copy = openDatabase(backup);
    const inBackup = (await firstRow(copy.select({ n: count() }).from(t.auditLog)))!.n;
    await closeDatabase(copy);
    expect(inBackup).toBeGreaterThanOrEqual(before);

    // Restore into a new place: the backup's data, and the previous file kept aside.
    const target = path.join(dir, "restored.db");
    fs.writeFileSync(target, "");
    fs.rmSync(target);
    const restored = await restoreDatabase(backup, target);
    expect(restored.check.ok).toBe(true);
    const db = openDatabase(target);
    expect((await firstRow(db.select({ n: count() }).from(t.auditLog)))!.n).toBe(inBackup);
    await closeDatabase(db);
  });

  it("refuses a file that is not a database, a truncated one, and one without the app's tables", async () => {
    const notDb = path.join(dir, "not.db");
    fs.writeFileSync(notDb, "Tên,Chức vụ\nNguyễn Văn A,Bí thư\n");
    expect(checkBackup(notDb)).toMatchObject({ ok: false, problems: ["Tệp không phải cơ sở dữ liệu SQLite."] });
    const truncated = path.join(dir, "truncated.db");
    const full = fs.readFileSync(handle.file);
    fs.writeFileSync(truncated, full.subarray(0, Math.floor(full.length / 3)));
    expect(checkBackup(truncated).ok).toBe(false);
    const other = path.join(dir, "other.db");
    const o = openDatabase(other);
    writerForSetup(o).$client.exec("create table t (x)");
    await closeDatabase(o);
    expect(checkBackup(other).problems.join(" ")).toContain("Thiếu bảng");
    const target = path.join(dir, "target.db");
    expect((await restoreDatabase(notDb, target)).saved).toBeNull();
    expect(fs.existsSync(target)).toBe(false);
  });
});
