/**
 * Online backup and checked restore of the SQLite database (docs/operations.md).
 *
 * A backup uses SQLite's backup API (better-sqlite3 `backup`): it copies a
 * consistent snapshot page by page while the server keeps reading and writing.
 * A restore first checks the file (SQLite header, integrity, the app's tables,
 * migrations no newer than this version knows), keeps a copy of the current
 * database, then copies the backup in with the same API and applies any newer
 * migrations.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { closeDatabase, MIGRATIONS_FOLDER, migrateDatabase, openDatabase } from "./client";

const REQUIRED_TABLES = ["units", "bodies", "users", "campaigns", "conferences", "sites", "people", "invitations", "check_ins", "scan_log", "audit_log"];

export interface BackupCheck {
  ok: boolean;
  problems: string[];
  tables: number;
  migrations: number;
  counts: Record<string, number>;
}

const stamp = (d = new Date()) => d.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);

/** Copies `source` (the live database file) to `dest` while it is in use. */
export async function backupDatabase(source: string, dest: string): Promise<{ file: string; bytes: number; ms: number }> {
  const started = Date.now();
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    // After the first step, the rest in one step: it reads one snapshot (WAL: writers go on), where
    // small steps would restart each time the server commits and might never finish on a busy day.
    await db.backup(dest, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  // One self-contained file (no -wal/-shm beside it), to copy or carry away.
  const copy = new Database(dest);
  copy.pragma("journal_mode = DELETE");
  copy.close();
  return { file: dest, bytes: fs.statSync(dest).size, ms: Date.now() - started };
}

export function defaultBackupFile(dir: string, now = new Date()) {
  return path.join(dir, `app-${stamp(now)}.db`);
}

/** Keeps the newest `keep` backups named app-*.db in `dir`; returns the files removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^app-\d{8}-\d{6}\.db$/.test(f))
    .sort()
    .reverse();
  const removed = files.slice(keep);
  for (const f of removed) fs.rmSync(path.join(dir, f));
  return removed;
}

function knownMigrations(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  return journal.entries.length;
}

/** Is this file a database this version of the app can restore? */
export function checkBackup(file: string): BackupCheck {
  const problems: string[] = [];
  const result: BackupCheck = { ok: false, problems, tables: 0, migrations: 0, counts: {} };
  if (!fs.existsSync(file)) return { ...result, problems: [`Không có tệp ${file}.`] };
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, "r");
  fs.readSync(fd, header, 0, 16, 0);
  fs.closeSync(fd);
  if (header.toString("latin1") !== "SQLite format 3\0") return { ...result, problems: ["Tệp không phải cơ sở dữ liệu SQLite."] };
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma("integrity_check") as { integrity_check: string }[];
    if (integrity[0]?.integrity_check !== "ok")
      problems.push(
        `Tệp bị hỏng: ${integrity
          .map((r) => r.integrity_check)
          .slice(0, 3)
          .join("; ")}`,
      );
    const tables = new Set((db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name));
    result.tables = tables.size;
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length) problems.push(`Thiếu bảng: ${missing.join(", ")}.`);
    if (tables.has("__drizzle_migrations")) {
      result.migrations = (db.prepare("select count(*) n from __drizzle_migrations").get() as { n: number }).n;
      if (result.migrations > knownMigrations())
        problems.push(`Bản sao lưu từ phiên bản mới hơn (${result.migrations} lần cập nhật cấu trúc, phiên bản này biết ${knownMigrations()}).`);
    } else problems.push("Không có lịch sử cập nhật cấu trúc (__drizzle_migrations).");
    if (!missing.length)
      for (const t of ["conferences", "invitations", "check_ins", "people", "users"])
        result.counts[t] = (db.prepare(`select count(*) n from ${t}`).get() as { n: number }).n;
  } catch (error) {
    problems.push(`Tệp bị hỏng hoặc không đọc được: ${(error as Error).message}.`);
  } finally {
    db?.close();
  }
  return { ...result, ok: problems.length === 0 };
}

/**
 * Replaces the database at `target` with the backup `file`, after checking it.
 * The current database is first saved next to it as pre-restore-<time>.db.
 */
export async function restoreDatabase(file: string, target: string): Promise<{ check: BackupCheck; saved: string | null }> {
  const check = checkBackup(file);
  if (!check.ok) return { check, saved: null };
  let saved: string | null = null;
  if (fs.existsSync(target)) {
    saved = path.join(path.dirname(target), `pre-restore-${stamp()}.db`);
    await backupDatabase(target, saved);
  }
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const db = openDatabase(target);
  try {
    await migrateDatabase(db);
  } finally {
    await closeDatabase(db);
  }
  return { check, saved };
}
