/**
 * Real SQLite files for unit tests: each call makes a fresh file in the OS
 * temp folder, migrated like production. No mocks.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase, openDatabase, type Db } from "@/db/client";
import { seedDemo } from "@/db/seed";
import { zonedDateKey, zonedInstant } from "@/lib/time/zone";

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

/**
 * The demo, seeded once per test file. `now` fixes the practice conference's day; the tests
 * written before issue 15 read it as 07:30–17:00 that day (grace 15 minutes), so that is what it
 * gets unless `practiceAsSeeded` asks for the seed's own window (open from `now`, for a day).
 */
export async function createDemoDb(now = new Date("2026-11-28T03:00:00Z"), options: { practiceAsSeeded?: boolean } = {}) {
  const handle = createTestDb();
  const day = zonedDateKey(now);
  const practice = options.practiceAsSeeded ? undefined : { startsAt: zonedInstant(day, "07:30"), endsAt: zonedInstant(day, "17:00"), graceMinutes: 15 };
  await seedDemo(handle.db, { now, practice });
  return handle;
}
