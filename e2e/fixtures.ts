import { mapInOrder } from "@/lib/async/in-order";
/**
 * Test helpers: sign in through the real form, and reach the e2e database
 * directly to create or read data (never through a public route).
 *
 * Tests run in parallel on one database. New tests make the data they need with a fixture
 * (`doorConference`: a conference of the worker's own unit, removed when the test ends) and
 * never pick rows of the demo by position. Older specs still partition the demo by unit: Sơn Hà
 * (529) for scheduling, Nghĩa Hành (532) for invitations; Ba Tơ (535), Lý Sơn (536) and the
 * province are read-only.
 */
import path from "node:path";
import { expect, test as base, type Page } from "@playwright/test";
import { and, asc, eq, notInArray } from "drizzle-orm";
import { returnedRow, firstRow, writerForSetup, transaction, openDatabase, type Db } from "@/db/client";
import { DEMO_PASSWORD } from "@/db/seed-data";
import { bodies, campaignRequirements, campaigns, conferences, invitations, people, sites, siteStaff, unitKinds, units, users, type Role } from "@/db/schema";
import { ensureCampaignKeys } from "@/lib/invitations/campaign-keys";
import { foldForSearch } from "@/lib/text/fold";
import { signToken } from "@/lib/tokens/qr-token";
import { hashPassword } from "@/lib/auth/password";
import { practiceConferenceId } from "@/lib/checkin/practice-conference";
import { E2E_DATABASE, E2E_ON_POSTGRES, E2E_PG_URL } from "./e2e-env";

let db: Db | undefined;

/** The e2e database, and only it (the SQLite file, or with E2E_ENGINE=postgres the server e2e/serve.ts started). */
export async function e2eDb(): Promise<Db> {
  if (E2E_ON_POSTGRES) {
    if (process.env.DATABASE_URL !== E2E_PG_URL) throw new Error(`e2e refuses any database but ${E2E_PG_URL}`);
    db ??= openDatabase(E2E_PG_URL);
    return db;
  }
  if (path.resolve(process.env.DATABASE_PATH ?? E2E_DATABASE) !== E2E_DATABASE) {
    throw new Error(`e2e refuses any database but ${E2E_DATABASE}`);
  }
  db ??= openDatabase(E2E_DATABASE);
  return db;
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
}

/**
 * The kind of the units a test makes for itself: no campaign requires anything
 * of it, so the province's counts (home page, board) do not change.
 */
export async function testUnitKind(): Promise<string> {
  await writerForSetup(await e2eDb())
    .insert(unitKinds)
    .values({ key: "don_vi_thu", label: "Đơn vị thử (kiểm thử)", sortOrder: 99 })
    .onConflictDoNothing();
  return "don_vi_thu";
}

/** A unit of a test's own under the province, of the test kind (testUnitKind): no count elsewhere moves. */
export async function createTestUnit(code: string, name: string, options: { placeName?: string; sortOrder?: number } = {}) {
  const db = await e2eDb();
  const province = (await firstRow(db.select().from(units).where(eq(units.code, "51"))))!;
  return await returnedRow(
    writerForSetup(db)
      .insert(units)
      .values({ code, name, kind: await testUnitKind(), placeName: options.placeName ?? "Thử", parentId: province.id, sortOrder: options.sortOrder ?? 997 })
      .returning(),
  );
}

export async function unitIdOf(code: string): Promise<number> {
  return (await firstRow((await e2eDb()).select().from(units).where(eq(units.code, code))))!.id;
}

/** The demo conference of a unit organised by a body kind. */
export async function conferenceIdOf(unitCode: string, bodyKind: string): Promise<number> {
  return (await firstRow(
    (await e2eDb())
      .select({ id: conferences.id })
      .from(conferences)
      .innerJoin(bodies, eq(bodies.id, conferences.bodyId))
      .where(and(eq(conferences.unitId, await unitIdOf(unitCode)), eq(bodies.kind, bodyKind))),
  ))!.id;
}

export async function bodyIdOf(unitCode: string, kind: string): Promise<number> {
  return (await firstRow(
    (await e2eDb())
      .select()
      .from(bodies)
      .where(and(eq(bodies.unitId, await unitIdOf(unitCode)), eq(bodies.kind, kind))),
  ))!.id;
}

let userSeq = 0;
/** A fresh account straight in the database, so a test never changes the demo accounts. */
export async function createAccount(role: Role, unitCode = "51", password = "mat-khau-thu-1", bodyKind?: string) {
  const username = `e2e.${role}.${process.pid}.${++userSeq}`;
  const fullName = `Tài khoản thử ${userSeq}`;
  const { id } = await returnedRow(
    writerForSetup(await e2eDb())
      .insert(users)
      .values({
        username,
        fullName,
        role,
        unitId: await unitIdOf(unitCode),
        bodyId: bodyKind ? await bodyIdOf(unitCode, bodyKind) : null,
        passwordHash: await hashPassword(password),
      })
      .returning({ id: users.id }),
  );
  return { id, username, password, fullName };
}

let campaignSeq = 0;
/**
 * A campaign that starts tomorrow (so the home page keeps showing the demo one)
 * and is due in 120 days, requiring the four district conferences.
 */
export async function createUpcomingCampaign() {
  const db = await e2eDb();
  const day = (n: number) => new Date(Date.now() + 7 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
  const deadline = day(120);
  const campaign = await returnedRow(
    writerForSetup(db)
      .insert(campaigns)
      .values({ title: `Đợt học tập thử ${process.pid}-${++campaignSeq}`, resolution: "Nghị quyết thử", startDate: day(1), deadline })
      .returning(),
  );
  const kinds = ["standing_committee", "propaganda", "labour_federation", "education_office"];
  const requirements = await mapInOrder(
    kinds,
    async (bodyKind, i) =>
      await returnedRow(
        writerForSetup(db)
          .insert(campaignRequirements)
          .values({ campaignId: campaign.id, unitKind: "huyen", bodyKind, title: `Yêu cầu ${bodyKind}`, sortOrder: i + 1 })
          .returning(),
      ),
  );
  return { campaign, requirements };
}

/** A door conference of a test's own: open now, one site, issued letters with signed tokens, a cadre assigned to the door. */
export interface DoorConference {
  conference: typeof conferences.$inferSelect;
  site: typeof sites.$inferSelect;
  /** Issued, in id order, each with its token. */
  invitations: (typeof invitations.$inferSelect & { token: string })[];
  people: (typeof people.$inferSelect)[];
  /** A scanner account assigned to the site only. */
  cadre: { id: number; username: string; password: string; fullName: string };
  unit: typeof units.$inferSelect;
}

export interface DoorConferenceOptions {
  invitees?: number;
  /** Minutes after the door opens (the conference started 30 minutes ago by default); 240 keeps every scan "on time". */
  graceMinutes?: number;
  startsAt?: Date;
  endsAt?: Date;
}

let doorSeq = 0;

/**
 * Fixtures that make the data a test needs and remove it afterwards, so that tests run in any
 * order and side by side: `doorConference()` gives a conference of the worker's own unit (a kind
 * no campaign requires, so no count elsewhere moves), deleted with its letters and check-ins
 * when the test ends.
 */
export const test = base.extend<
  { doorConference: (options?: DoorConferenceOptions) => Promise<DoorConference> },
  { doorUnit: { unit: typeof units.$inferSelect; body: typeof bodies.$inferSelect; cadre: DoorConference["cadre"] } }
>({
  doorUnit: [
    async ({}, use, workerInfo) => {
      const db = await e2eDb();
      const code = `door${process.pid}w${workerInfo.workerIndex}`;
      const unit = await createTestUnit(code, `Đơn vị cửa thử ${code}`, { placeName: "Cửa thử" });
      const body = await returnedRow(
        writerForSetup(db)
          .insert(bodies)
          .values({ unitId: unit.id, kind: "propaganda", name: `Ban Tuyên giáo cửa thử ${code}`, symbol: "CT" })
          .returning(),
      );
      const cadre = await createAccount("scanner", code);
      await use({ unit, body, cadre });
    },
    { scope: "worker" },
  ],
  doorConference: async ({ doorUnit }, use) => {
    const db = await e2eDb();
    const made: number[] = [];
    await use(async (options = {}) => {
      const { unit, body, cadre } = doorUnit;
      const campaign = (await firstRow(
        db
          .select()
          .from(campaigns)
          .where(eq(campaigns.id, (await practiceConference()).conference.campaignId)),
      ))!;
      const startsAt = options.startsAt ?? new Date(Date.now() - 30 * 60_000);
      const seq = ++doorSeq;
      const conference = await returnedRow(
        writerForSetup(db)
          .insert(conferences)
          .values({
            campaignId: campaign.id,
            unitId: unit.id,
            bodyId: body.id,
            title: `Hội nghị cửa thử ${unit.code}-${seq}`,
            startsAt,
            endsAt: options.endsAt ?? new Date(startsAt.getTime() + 4 * 3_600_000),
            status: "scheduled",
            graceMinutes: options.graceMinutes ?? 240,
          })
          .returning(),
      );
      made.push(conference.id);
      const site = await returnedRow(
        writerForSetup(db)
          .insert(sites)
          .values({ conferenceId: conference.id, unitId: unit.id, isMain: true, venue: `Hội trường cửa thử ${unit.code}-${seq}` })
          .returning(),
      );
      await writerForSetup(db).insert(siteStaff).values({ siteId: site.id, userId: cadre.id });
      const keys = await ensureCampaignKeys(db, campaign.id);
      // One transaction: a thousand letters in a blink.
      const { invitees, letters } = await transaction(db, async (tx) => {
        const invitees = await mapInOrder(
          Array.from({ length: options.invitees ?? 4 }, (_, i) => i),
          async (i) => {
            const fullName = `Đại biểu cửa ${seq} số ${i + 1}`;
            return await returnedRow(
              tx
                .insert(people)
                .values({
                  fullName,
                  searchName: foldForSearch(fullName),
                  unitId: unit.id,
                  phone: `0905${String(seq).padStart(3, "0")}${String(i).padStart(3, "0")}`,
                })
                .returning(),
            );
          },
        );
        const letters = await mapInOrder(invitees, async (person) => {
          const row = await returnedRow(
            tx
              .insert(invitations)
              .values({ conferenceId: conference.id, personId: person.id, bodyId: body.id, siteId: site.id, status: "issued", issuedAt: new Date() })
              .returning(),
          );
          const token = signToken({ invitationId: row.id, conferenceId: conference.id, tokenVersion: row.tokenVersion }, keys.privateKey);
          await tx.update(invitations).set({ token }).where(eq(invitations.id, row.id));
          return { ...row, token };
        });
        return { invitees, letters };
      });
      return { conference, site, invitations: letters, people: invitees, cadre, unit };
    });
    // Cleanup: the conference takes its sites, letters, check-ins and door assignments with it; then its people.
    for (const id of made) await writerForSetup(db).delete(conferences).where(eq(conferences.id, id));
    await writerForSetup(db)
      .delete(people)
      .where(and(eq(people.unitId, doorUnit.unit.id), notInArray(people.id, db.select({ id: invitations.personId }).from(invitations))));
  },
});
export { expect };

/** The practice conference (its door open from the moment of seeding), its main site and its invitations in id order. */
export async function practiceConference() {
  const db = await e2eDb();
  const conference = (await firstRow(
    db
      .select()
      .from(conferences)
      .where(eq(conferences.id, (await practiceConferenceId(db))!)),
  ))!;
  const site = (await firstRow(db.select().from(sites).where(eq(sites.conferenceId, conference.id))))!;
  const rows = await db.select().from(invitations).where(eq(invitations.conferenceId, conference.id)).orderBy(asc(invitations.id));
  return { conference, site, invitations: rows };
}
