import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoDb } from "@/lib/testing/test-db";
import { returnedRow, firstRow, writerForSetup, migrateDatabase } from "./client";
import { NOT_FREE_TEXT, normalizeStoredText, normalizeStoredTextOnce, TEXT_COLUMNS, TEXT_NFC_SETTING } from "./normalize-text";
import { absences, appSettings, bodies, conferences, invitations, people, sites, unitKinds, units, users } from "./schema";

const nfd = (s: string) => s.normalize("NFD");

let handle: Awaited<ReturnType<typeof createDemoDb>>;
beforeAll(async () => {
  handle = await createDemoDb();
});
afterAll(() => handle.cleanup());

/** Rows as an older version stored them: decomposed, as sent by a macOS tool. */
async function seedDecomposed() {
  const db = handle.db;
  const unit = (await firstRow(db.select().from(units).where(eq(units.code, "535"))))!;
  await writerForSetup(db)
    .update(units)
    .set({ name: nfd(unit.name), placeName: nfd(unit.placeName) })
    .where(eq(units.id, unit.id));
  const person = (await firstRow(db.select().from(people).where(eq(people.unitId, unit.id))))!;
  // The search name was folded from the decomposed name by an older fold: keep it stale to see it recomputed.
  await writerForSetup(db)
    .update(people)
    .set({ fullName: nfd("Nguyễn Thị Ánh Tuyết"), searchName: "stale", position: nfd("Bí thư Chi bộ"), category: nfd("cán bộ") })
    .where(eq(people.id, person.id));
  const invitation = (await firstRow(db.select().from(invitations).where(eq(invitations.personId, person.id))))!;
  await writerForSetup(db)
    .update(invitations)
    .set({ substituteName: nfd("Đặng Văn Lực") })
    .where(eq(invitations.id, invitation.id));
  const conference = (await firstRow(db.select().from(conferences).where(eq(conferences.unitId, unit.id))))!;
  await writerForSetup(db)
    .update(conferences)
    .set({ title: nfd(conference.title), agenda: nfd("Quán triệt Nghị quyết") })
    .where(eq(conferences.id, conference.id));
  const site = (await firstRow(db.select().from(sites).where(eq(sites.conferenceId, conference.id))))!;
  await writerForSetup(db)
    .update(sites)
    .set({ venue: nfd(site.venue) })
    .where(eq(sites.id, site.id));
  const user = (await firstRow(db.select().from(users).where(eq(users.username, "tochuc.bato"))))!;
  await writerForSetup(db)
    .update(users)
    .set({ fullName: nfd(user.fullName) })
    .where(eq(users.id, user.id));
  await writerForSetup(db)
    .insert(absences)
    .values({ invitationId: invitation.id, reason: "illness", note: nfd("Ốm"), recordedAt: new Date() });
  // Two bodies whose names differ only in their Unicode form: one cannot become NFC without a clash.
  const existing = (await firstRow(db.select().from(bodies).where(eq(bodies.unitId, unit.id))))!;
  const clash = await returnedRow(
    writerForSetup(db)
      .insert(bodies)
      .values({ unitId: unit.id, kind: "other", name: nfd(existing.name), symbol: "X" })
      .returning(),
  );
  return {
    unit,
    personId: person.id,
    invitationId: invitation.id,
    conference,
    site,
    user,
    clash,
    /** units, people, invitations, conferences, sites, users, absences: one row each, and no body. */
    changedRows: 7,
  };
}

describe("the NFC data step", () => {
  it("covers every TEXT column of the schema: each is normalised or listed as not free text", () => {
    const sqlite = writerForSetup(handle.db).$client;
    const tables = (
      sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    const unclassified: string[] = [];
    for (const table of tables) {
      const columns = sqlite.prepare(`pragma table_info("${table}")`).all() as { name: string; type: string }[];
      for (const c of columns.filter((c) => /TEXT/i.test(c.type))) {
        const listed = TEXT_COLUMNS[table]?.includes(c.name) || NOT_FREE_TEXT[table]?.includes(c.name);
        if (!listed) unclassified.push(`${table}.${c.name}`);
      }
    }
    expect(unclassified, "a new TEXT column: add it to TEXT_COLUMNS (free text) or NOT_FREE_TEXT (db/normalize-text.ts)").toEqual([]);
    // And nothing listed that is not there.
    for (const [table, columns] of Object.entries(TEXT_COLUMNS)) {
      const present = (sqlite.prepare(`pragma table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
      expect(
        columns.filter((c) => !present.includes(c)),
        table,
      ).toEqual([]);
    }
  });

  it("is recorded when a database is migrated, so that later starts skip it", async () => {
    expect(await firstRow(handle.db.select().from(appSettings).where(eq(appSettings.key, TEXT_NFC_SETTING)))).toBeTruthy();
    expect(normalizeStoredTextOnce(writerForSetup(handle.db))).toBeNull();
  });

  it("normalises decomposed rows, only those, with the search name, in one go; a second run changes nothing", async () => {
    const seeded = await seedDecomposed();
    const db = handle.db;
    await writerForSetup(db).delete(appSettings).where(eq(appSettings.key, TEXT_NFC_SETTING));
    const before = writerForSetup(db).$client.prepare("select total_changes() as n").get() as { n: number };

    const result = normalizeStoredTextOnce(writerForSetup(db))!;
    expect(result.changed).toBe(seeded.changedRows);
    expect(result.skipped).toEqual([{ table: "bodies", rowid: seeded.clash.id }]);
    const after = writerForSetup(db).$client.prepare("select total_changes() as n").get() as { n: number };
    // The rows updated, each invitation copied from its person's category (trigger), the record in app_settings, and
    // the attendance tallies (migration 0012) of each counted invitation whose category or substitute's name changed:
    // two upserts each (its contribution away, and back): the person's counted invitations, and the one whose
    // substitute's name was decomposed.
    const personsInvitations = await db.select().from(invitations).where(eq(invitations.personId, seeded.personId));
    const counted = personsInvitations.filter((i) => i.kind === "invited" && i.status === "issued").length;
    expect(counted).toBeGreaterThan(0);
    expect(after.n - before.n).toBe(seeded.changedRows + personsInvitations.length + 1 + 2 * counted + 2);

    expect(await firstRow(db.select().from(units).where(eq(units.id, seeded.unit.id)))).toMatchObject({
      name: seeded.unit.name,
      placeName: seeded.unit.placeName,
    });
    expect(await firstRow(db.select().from(people).where(eq(people.id, seeded.personId)))).toMatchObject({
      fullName: "Nguyễn Thị Ánh Tuyết",
      searchName: "nguyen thi anh tuyet",
      position: "Bí thư Chi bộ",
      category: "cán bộ",
    });
    expect(await firstRow(db.select().from(invitations).where(eq(invitations.id, seeded.invitationId)))).toMatchObject({
      substituteName: "Đặng Văn Lực",
      attendeeCategory: "cán bộ",
    });
    expect(await firstRow(db.select().from(conferences).where(eq(conferences.id, seeded.conference.id)))).toMatchObject({
      title: seeded.conference.title,
      agenda: "Quán triệt Nghị quyết",
    });
    expect((await firstRow(db.select().from(sites).where(eq(sites.id, seeded.site.id))))!.venue).toBe(seeded.site.venue);
    expect((await firstRow(db.select().from(users).where(eq(users.id, seeded.user.id))))!.fullName).toBe(seeded.user.fullName);
    expect((await firstRow(db.select().from(absences).where(eq(absences.invitationId, seeded.invitationId))))!.note).toBe("Ốm");
    // The clashing body keeps its old form rather than break the unique name.
    expect((await firstRow(db.select().from(bodies).where(eq(bodies.id, seeded.clash.id))))!.name).toBe(seeded.clash.name);
    expect(seeded.clash.name).not.toBe(seeded.clash.name.normalize("NFC"));

    expect(JSON.parse((await firstRow(db.select().from(appSettings).where(eq(appSettings.key, TEXT_NFC_SETTING))))!.value)).toMatchObject({
      changed: seeded.changedRows,
      skipped: 1,
    });
    expect(normalizeStoredTextOnce(writerForSetup(db))).toBeNull();
    expect(normalizeStoredText(writerForSetup(db))).toEqual({ changed: 0, skipped: [{ table: "bodies", rowid: seeded.clash.id }] });
  });

  it("covers the columns added since its first version, and runs again once on a database that had version 1", async () => {
    const db = handle.db;
    const body = (await firstRow(db.select().from(bodies).where(eq(bodies.kind, "standing_committee"))))!;
    await writerForSetup(db)
      .update(bodies)
      .set({ signerTitle: nfd("Phó Bí thư"), signerName: nfd("Trần Thị Thử"), headingName: nfd("HUYỆN ỦY BA TƠ") })
      .where(eq(bodies.id, body.id));
    const kind = (await firstRow(db.select().from(unitKinds)))!;
    await writerForSetup(db)
      .update(unitKinds)
      .set({ label: nfd("Huyện đảo") })
      .where(eq(unitKinds.key, kind.key));
    // A database where only the first version ran.
    await writerForSetup(db).delete(appSettings).where(eq(appSettings.key, TEXT_NFC_SETTING));
    await writerForSetup(db).insert(appSettings).values({ key: "data_step.text_nfc", value: "{}" }).onConflictDoNothing();
    await migrateDatabase(db);
    expect(await firstRow(db.select().from(bodies).where(eq(bodies.id, body.id)))).toMatchObject({
      signerTitle: "Phó Bí thư",
      signerName: "Trần Thị Thử",
      headingName: "HUYỆN ỦY BA TƠ",
    });
    expect((await firstRow(db.select().from(unitKinds).where(eq(unitKinds.key, kind.key))))!.label).toBe("Huyện đảo");
  });

  it("runs from migrateDatabase on a database that has not had it", async () => {
    const db = handle.db;
    const person = (await firstRow(db.select().from(people)))!;
    await writerForSetup(db)
      .update(people)
      .set({ workplace: nfd("Thôn Gò Khế") })
      .where(eq(people.id, person.id));
    await writerForSetup(db).delete(appSettings).where(eq(appSettings.key, TEXT_NFC_SETTING));
    await migrateDatabase(db);
    expect((await firstRow(db.select().from(people).where(eq(people.id, person.id))))!.workplace).toBe("Thôn Gò Khế");
    await writerForSetup(db)
      .update(people)
      .set({ workplace: nfd("Thôn Gò Khế") })
      .where(eq(people.id, person.id));
    await migrateDatabase(db);
    // Recorded: the second migration does not scan again.
    expect((await firstRow(db.select().from(people).where(eq(people.id, person.id))))!.workplace).toBe(nfd("Thôn Gò Khế"));
  });
});
