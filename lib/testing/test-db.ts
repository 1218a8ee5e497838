/**
 * Real databases for unit tests: each call makes a fresh SQLite file in the OS temp folder, a copy of
 * a database migrated like production (and, for the demo, seeded) once per run by
 * lib/testing/global-setup.ts; or, in the `postgres` project (DATABASE_URL set by
 * lib/testing/postgres-worker.ts), a fresh PostgreSQL database made from the run's templates
 * (lib/testing/postgres-templates.ts). No mocks; no test file sees another's writes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { randomUUID } from "node:crypto";
import { closeDatabase, migrateDatabase, openDatabase, openReadOnlyDatabase, transaction, type Db } from "@/db/client";
import { databaseEngine } from "@/db/engine";
import { env } from "@/lib/env";
import { seedDemo } from "@/db/seed";
import { DEMO_TEMPLATE_NOW, pinnedPractice } from "./global-setup";
import { createDatabaseFrom, DEMO_TEMPLATE, dropDatabase, EMPTY_TEMPLATE } from "./postgres-templates";

/** `file`: where the database is, for a second connection to it (a SQLite file, or a postgres:// address). */
type Handle = { db: Db; file: string; cleanup: () => Promise<void> };

/** A copy of `template` (or, outside the global setup, a freshly migrated file). */
async function fromTemplate(template: string | undefined, postgresTemplate: string): Promise<Handle> {
  if (databaseEngine() === "postgres") return fromPostgresTemplate(postgresTemplate);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-test-"));
  const file = path.join(dir, "test.db");
  if (template) fs.copyFileSync(template, file);
  const db = openDatabase(file);
  if (!template) await migrateDatabase(db);
  return {
    db,
    file,
    cleanup: async () => {
      await closeDatabase(db);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function fromPostgresTemplate(template: string): Promise<Handle> {
  const server = env().DATABASE_URL!;
  const name = `qt_test_${randomUUID().replaceAll("-", "")}`;
  const url = await createDatabaseFrom(server, template, name);
  const db = openDatabase(url);
  return {
    db,
    file: url,
    cleanup: async () => {
      await closeDatabase(db);
      await dropDatabase(server, name);
    },
  };
}

function templates() {
  try {
    return inject("testDbTemplates");
  } catch {
    return undefined; // run outside vitest's global setup (a script): build from scratch
  }
}

/** An empty database with every migration applied. */
export function createTestDb(): Promise<Handle> {
  return fromTemplate(templates()?.empty, EMPTY_TEMPLATE);
}

/**
 * The demo, one copy per test file. `now` fixes the practice conference's day; the tests written
 * before the seed opened it at any hour (docs/decisions/0025) read it as 07:30–17:00 that day
 * (grace 15 minutes), so that is what it gets unless `practiceAsSeeded` asks for the seed's own
 * window (open from `now`, for a day). The usual instant with the pinned practice is a copy of the
 * template.
 */
export async function createDemoDb(now = new Date(DEMO_TEMPLATE_NOW), options: { practiceAsSeeded?: boolean } = {}): Promise<Handle> {
  const t = templates();
  const usual = now.toISOString() === DEMO_TEMPLATE_NOW && !options.practiceAsSeeded;
  if (usual && (t || databaseEngine() === "postgres")) return fromTemplate(t?.demo, DEMO_TEMPLATE);
  const handle = await fromTemplate(t?.empty, EMPTY_TEMPLATE);
  await seedDemo(handle.db, { now, practice: options.practiceAsSeeded ? undefined : pinnedPractice(now) });
  return handle;
}

/** A second connection to a test database, for reads: the SQLite file opened read-only, or another pool on PostgreSQL. */
export function openReader(handle: Handle): Db {
  return databaseEngine() === "postgres" ? openDatabase(handle.file) : openReadOnlyDatabase(handle.file);
}

/** Records the SQL the handle's connection is sent until `stop()`, for a test that counts queries. */
export function watchStatements(db: Db): { statements: string[]; stop(): void } {
  const statements: string[] = [];
  // better-sqlite3 prepares every statement; node-postgres's pool runs each through `query`.
  const client = db.$client as unknown as Record<string, (...args: unknown[]) => unknown>;
  const method = databaseEngine() === "postgres" ? "query" : "prepare";
  const original = client[method];
  client[method] = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    statements.push(typeof first === "string" ? first : String((first as { text?: string }).text));
    return original.apply(this, args);
  };
  return { statements, stop: () => void (client[method] = original) };
}

/**
 * What `ask` answers while another write transaction is open (SQLite: holding the write lane), or "waited"
 * when it did not answer within 2 s: at once on SQLite, after its round trips on PostgreSQL. The holder
 * is released and finished before this returns.
 */
export async function answerWhileHeld<T>(db: Db, ask: () => Promise<T>): Promise<T | "waited"> {
  let release = () => {};
  let held = () => {};
  const holdingStarted = new Promise<void>((resolve) => (held = resolve));
  const holding = transaction(db, () => {
    held();
    return new Promise<void>((resolve) => (release = resolve));
  });
  await holdingStarted; // PostgreSQL begins the transaction a round trip later
  const asked = ask();
  const answered = await Promise.race([asked, new Promise<"waited">((resolve) => setTimeout(() => resolve("waited"), 2000))]);
  release();
  await Promise.all([holding, asked]);
  return answered;
}
