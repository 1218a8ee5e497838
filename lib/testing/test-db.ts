/**
 * Real SQLite files for unit tests: each call makes a fresh file in the OS
 * temp folder, migrated like production. No mocks.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase, openDatabase, type Db } from "@/db/client";
import { seedDemo } from "@/db/seed";

export function createTestDb(): { db: Db; file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-test-"));
  const file = path.join(dir, "test.db");
  const db = openDatabase(file);
  migrateDatabase(db);
  return {
    db,
    file,
    cleanup: () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The demo, seeded once per test file; `now` fixes the practice conference's day. */
export async function createDemoDb(now = new Date("2026-11-28T03:00:00Z")) {
  const handle = createTestDb();
  await seedDemo(handle.db, { now });
  return handle;
}
