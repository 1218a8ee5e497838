/**
 * Real SQLite files for unit tests: each call makes a fresh file in the OS temp folder, a copy of
 * a database migrated like production (and, for the demo, seeded) once per run by
 * lib/testing/global-setup.ts. No mocks; no test file sees another's writes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { closeDatabase, migrateDatabase, openDatabase, type Db } from "@/db/client";
import { seedDemo } from "@/db/seed";
import { DEMO_TEMPLATE_NOW, pinnedPractice } from "./global-setup";

type Handle = { db: Db; file: string; cleanup: () => void };

/** A copy of `template` (or, outside the global setup, a freshly migrated file). */
function fromTemplate(template: string | undefined): Handle {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-test-"));
  const file = path.join(dir, "test.db");
  if (template) fs.copyFileSync(template, file);
  const db = openDatabase(file);
  if (!template) migrateDatabase(db);
  return {
    db,
    file,
    cleanup: () => {
      closeDatabase(db);
      fs.rmSync(dir, { recursive: true, force: true });
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
export function createTestDb(): Handle {
  return fromTemplate(templates()?.empty);
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
  if (t && now.toISOString() === t.demoNow && !options.practiceAsSeeded) return fromTemplate(t.demo);
  const handle = fromTemplate(t?.empty);
  await seedDemo(handle.db, { now, practice: options.practiceAsSeeded ? undefined : pinnedPractice(now) });
  return handle;
}
