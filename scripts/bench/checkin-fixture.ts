import { eq, sql } from "drizzle-orm";
import { returnedRow, firstRow, closeDatabase, transaction, migrateDatabase, openDatabase, writerForSetup } from "@/db/client";
import { runStatement } from "@/db/dialect";
import { databaseEngine } from "@/db/engine";
import { seedDemo } from "@/db/seed";
import { updateEach } from "@/db/update-each";
import * as t from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { ensureCampaignKeys } from "@/lib/invitations/campaign-keys";
import { signToken } from "@/lib/tokens/qr-token";

/**
 * A fresh database for door load (a SQLite file, or the PostgreSQL database at a postgres:// address when the
 * process runs on PostgreSQL): the demo, plus a conference open now with `invitations`
 * issued letters at one site and a door-staff account (bench.scanner / bench-password) assigned to it.
 * Shared by `npm run bench:checkin`, `npm run test:faults` and `npm run bench:soak`.
 */
export async function prepareCheckInDatabase(location: string, INVITATIONS: number) {
  const db = openDatabase(location);
  await migrateDatabase(db);
  await seedDemo(db);
  const passwordHash = await hashPassword("bench-password");
  const province = (await firstRow(db.select().from(t.units).where(eq(t.units.code, "51"))))!;
  const body = (await firstRow(db.select().from(t.bodies).where(eq(t.bodies.unitId, province.id))))!;
  const campaign = (await firstRow(db.select().from(t.campaigns)))!;
  const keys = await ensureCampaignKeys(db, campaign.id);
  const tokens: string[] = [];
  let siteId = 0;
  await transaction(db, async (tx) => {
    const conference = await returnedRow(
      tx
        .insert(t.conferences)
        .values({
          campaignId: campaign.id,
          unitId: province.id,
          bodyId: body.id,
          title: "Hội nghị thử tải điểm danh",
          startsAt: new Date(Date.now() - 600_000),
          endsAt: new Date(Date.now() + 6 * 3600_000),
          status: "in_progress",
        })
        .returning(),
    );
    siteId = (
      await returnedRow(tx.insert(t.sites).values({ conferenceId: conference.id, unitId: province.id, isMain: true, venue: "Hội trường thử tải" }).returning())
    ).id;
    const scanner = await returnedRow(
      tx.insert(t.users).values({ username: "bench.scanner", passwordHash, fullName: "Bench", role: "scanner", unitId: province.id }).returning(),
    );
    await tx.insert(t.siteStaff).values({ siteId, userId: scanner.id });
    const people = [];
    for (let i = 0; i < INVITATIONS; i += 1000) {
      people.push(
        ...(await tx
          .insert(t.people)
          .values(Array.from({ length: 1000 }, (_, k) => ({ fullName: `Đại biểu ${i + k}`, searchName: `dai bieu ${i + k}`, unitId: province.id })))
          .returning({ id: t.people.id })),
      );
    }
    for (let i = 0; i < people.length; i += 1000) {
      const rows = await tx
        .insert(t.invitations)
        .values(people.slice(i, i + 1000).map((p) => ({ conferenceId: conference.id, personId: p.id, bodyId: body.id, siteId, status: "issued" as const })))
        .returning({ id: t.invitations.id });
      const signed = rows.map((r) => ({
        id: r.id,
        set: { token: signToken({ invitationId: r.id, conferenceId: conference.id, tokenVersion: 1 }, keys.privateKey) },
      }));
      await updateEach(tx, t.invitations, signed);
      tokens.push(...signed.map((s) => s.set.token));
    }
  });
  // The planner's statistics for the tables just filled, as a running database has them (PostgreSQL's autovacuum
  // would otherwise analyze them in the middle of a measurement); SQLite keeps none unless asked, like the app's.
  if (databaseEngine() === "postgres") await runStatement(writerForSetup(db), sql`analyze`);
  await closeDatabase(db);
  return { tokens, siteId };
}
