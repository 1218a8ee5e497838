/**
 * Test helpers: sign in through the real form, and reach the e2e database
 * directly to create or read data (never through a public route).
 *
 * Tests run in parallel on one database. Tests that create conferences use
 * units that no other test counts: Sơn Hà (529) for scheduling, Nghĩa Hành (532)
 * for invitations. Ba Tơ (535), Lý Sơn (536) and the province are read-only.
 */
import path from "node:path";
import { expect, test as base, type Page } from "@playwright/test";
import { and, asc, eq } from "drizzle-orm";
import { openDatabase, type Db } from "@/db/client";
import { DEMO_PASSWORD } from "@/db/seed-data";
import { bodies, campaignRequirements, campaigns, conferences, invitations, sites, unitKinds, units, users, type Role } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { practiceConferenceId } from "@/lib/checkin/practice-conference";
import { E2E_DATABASE } from "./e2e-env";

let db: Db | undefined;

/** The e2e database, and only it. */
export function e2eDb(): Db {
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
export function testUnitKind(): string {
  e2eDb().insert(unitKinds).values({ key: "don_vi_thu", label: "Đơn vị thử (kiểm thử)", sortOrder: 99 }).onConflictDoNothing().run();
  return "don_vi_thu";
}

export function unitIdOf(code: string): number {
  return e2eDb().select().from(units).where(eq(units.code, code)).get()!.id;
}

/** The demo conference of a unit organised by a body kind. */
export function conferenceIdOf(unitCode: string, bodyKind: string): number {
  return e2eDb()
    .select({ id: conferences.id })
    .from(conferences)
    .innerJoin(bodies, eq(bodies.id, conferences.bodyId))
    .where(and(eq(conferences.unitId, unitIdOf(unitCode)), eq(bodies.kind, bodyKind)))
    .get()!.id;
}

export function bodyIdOf(unitCode: string, kind: string): number {
  return e2eDb()
    .select()
    .from(bodies)
    .where(and(eq(bodies.unitId, unitIdOf(unitCode)), eq(bodies.kind, kind)))
    .get()!.id;
}

let userSeq = 0;
/** A fresh account straight in the database, so a test never changes the demo accounts. */
export async function createAccount(role: Role, unitCode = "51", password = "mat-khau-thu-1", bodyKind?: string) {
  const username = `e2e.${role}.${process.pid}.${++userSeq}`;
  e2eDb()
    .insert(users)
    .values({
      username,
      fullName: `Tài khoản thử ${userSeq}`,
      role,
      unitId: unitIdOf(unitCode),
      bodyId: bodyKind ? bodyIdOf(unitCode, bodyKind) : null,
      passwordHash: await hashPassword(password),
    })
    .run();
  return { username, password };
}

let campaignSeq = 0;
/**
 * A campaign that starts tomorrow (so the home page keeps showing the demo one)
 * and is due in 120 days, requiring the four district conferences.
 */
export function createUpcomingCampaign() {
  const db = e2eDb();
  const day = (n: number) => new Date(Date.now() + 7 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
  const deadline = day(120);
  const campaign = db
    .insert(campaigns)
    .values({ title: `Đợt học tập thử ${process.pid}-${++campaignSeq}`, resolution: "Nghị quyết thử", startDate: day(1), deadline })
    .returning()
    .get();
  const kinds = ["standing_committee", "propaganda", "labour_federation", "education_office"];
  const requirements = kinds.map((bodyKind, i) =>
    db
      .insert(campaignRequirements)
      .values({ campaignId: campaign.id, unitKind: "huyen", bodyKind, title: `Yêu cầu ${bodyKind}`, sortOrder: i + 1 })
      .returning()
      .get(),
  );
  return { campaign, requirements };
}

export const test = base;
export { expect };

/** The practice conference (its door open from the moment of seeding), its main site and its invitations in id order. */
export function practiceConference() {
  const db = e2eDb();
  const conference = db
    .select()
    .from(conferences)
    .where(eq(conferences.id, practiceConferenceId(db)!))
    .get()!;
  const site = db.select().from(sites).where(eq(sites.conferenceId, conference.id)).get()!;
  const rows = db.select().from(invitations).where(eq(invitations.conferenceId, conference.id)).orderBy(asc(invitations.id)).all();
  return { conference, site, invitations: rows };
}
