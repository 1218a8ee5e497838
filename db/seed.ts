import { returnedRow, transaction } from "./client";
/**
 * Seeding: the Quảng Ngãi demo (db/seed/demo.ts and its pieces in db/seed/: deterministic, a fixed
 * random seed), the empty start (DEMO=0) and the reset used by `npm run db:seed`.
 *
 * The only input that is not fixed is `now`: the practice conference's door is open from a little
 * before the moment of seeding, for a day.
 */
import { sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_SETTING } from "@/lib/settings/is-demo-data";
import type { Db } from "./client";
import * as t from "./schema";
import { runStatement } from "./dialect";
import { isPostgresHandle } from "./postgres";

export { seedDemo, type SeedSummary } from "./seed/demo";
export { SEED } from "./seed/random";

// ---------------------------------------------------------------------------
// Database state

/** Table names in an order that deletes children before parents. */
const TABLES_CHILD_FIRST = [
  "audit_log",
  "import_batches",
  "campaign_retired_keys",
  "body_templates",
  "unit_feeds",
  "letter_sequences",
  "scan_log",
  "reflection_essays",
  "check_ins",
  "absences",
  "invitations",
  "people",
  "site_staff",
  "sites",
  "conference_co_bodies",
  "conferences",
  "campaign_requirements",
  "campaigns",
  "login_attempts",
  "users",
  "bodies",
  "units",
  "app_settings",
];

export async function clearDatabase(db: Db): Promise<void> {
  await transaction(db, async (tx) => {
    if (isPostgresHandle(tx)) {
      // Ids start again at 1, as on a new database (the demo's accounts and tests rely on nothing else).
      await runStatement(tx, sql.raw(`truncate ${TABLES_CHILD_FIRST.map((table) => `"${table}"`).join(", ")} restart identity cascade`));
      return;
    }
    for (const table of TABLES_CHILD_FIRST) await runStatement(tx, sql.raw(`delete from "${table}"`));
    await runStatement(tx, sql`delete from sqlite_sequence`);
  });
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  return (await db.$count(t.users)) === 0;
}

/** DEMO=0: a root unit and the first admin, nothing else. */
export async function bootstrapEmpty(
  db: Db,
  options: { adminUsername: string; adminPassword: string; rootUnitName: string; rootUnitCode: string },
): Promise<void> {
  const passwordHash = await hashPassword(options.adminPassword);
  await transaction(db, async (tx) => {
    const root = await returnedRow(
      tx
        .insert(t.units)
        .values({ code: options.rootUnitCode, name: options.rootUnitName, kind: "tinh", placeName: options.rootUnitName.replace(/^Tỉnh\s+/, "") })
        .returning({ id: t.units.id }),
    );
    await tx.insert(t.users).values({
      username: options.adminUsername.trim().toLowerCase(),
      passwordHash,
      fullName: "Quản trị hệ thống",
      role: "admin",
      unitId: root.id,
    });
    await tx.insert(t.appSettings).values({ key: DEMO_SETTING, value: "0" });
  });
}
