/**
 * Vitest global setup: builds the test databases once per run — one migrated and empty, one
 * with the demo seeded at the tests' usual instant — so that every test file copies a file
 * (milliseconds) instead of migrating and seeding (seconds). Each file still gets its own copy:
 * files stay independent and can run in any order. Removed at the end of the run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { closeDatabase, migrateDatabase, openDatabase } from "@/db/client";
import { seedDemo } from "@/db/seed";
import { zonedDateKey, zonedInstant } from "@/lib/time/zone";

/** The instant the demo template is seeded at (the practice conference's day in the tests). */
export const DEMO_TEMPLATE_NOW = "2026-11-28T03:00:00.000Z";

/** The practice conference as the tests written before docs/decisions/0025 read it: 07:30–17:00 on `now`'s day, grace 15 minutes. */
export function pinnedPractice(now: Date) {
  const day = zonedDateKey(now);
  return { startsAt: zonedInstant(day, "07:30"), endsAt: zonedInstant(day, "17:00"), graceMinutes: 15 };
}

declare module "vitest" {
  export interface ProvidedContext {
    testDbTemplates: { empty: string; demo: string; demoNow: string };
  }
}

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-templates-"));
  const empty = path.join(dir, "empty.db");
  const demo = path.join(dir, "demo.db");

  const emptyDb = openDatabase(empty);
  await migrateDatabase(emptyDb);
  await closeDatabase(emptyDb);
  fs.copyFileSync(empty, demo);
  const demoDb = openDatabase(demo);
  await seedDemo(demoDb, { now: new Date(DEMO_TEMPLATE_NOW), practice: pinnedPractice(new Date(DEMO_TEMPLATE_NOW)) });
  await closeDatabase(demoDb);

  project.provide("testDbTemplates", { empty, demo, demoNow: DEMO_TEMPLATE_NOW });
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
