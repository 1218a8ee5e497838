/**
 * Test helpers: sign in through the real form, and reach the e2e database
 * directly to create or read data (never through a public route).
 */
import path from "node:path";
import { expect, test as base, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { openDatabase, type Db } from "@/db/client";
import { DEMO_PASSWORD } from "@/db/seed-data";
import { bodies, conferences, units, users, type Role } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
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

let userSeq = 0;
/** A fresh account straight in the database, so a test never changes the demo accounts. */
export async function createAccount(role: Role, unitCode = "51", password = "mat-khau-thu-1") {
  const username = `e2e.${role}.${process.pid}.${++userSeq}`;
  e2eDb()
    .insert(users)
    .values({ username, fullName: `Tài khoản thử ${userSeq}`, role, unitId: unitIdOf(unitCode), passwordHash: await hashPassword(password) })
    .run();
  return { username, password };
}

export const test = base;
export { expect };
