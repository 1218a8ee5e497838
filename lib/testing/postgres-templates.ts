/**
 * Builds the PostgreSQL test templates (lib/testing/global-setup-postgres.ts runs this in a child process,
 * with DATABASE_URL set, so that db/schema.ts picks PostgreSQL's tables): `qt_empty`, every migration applied,
 * and `qt_demo`, a copy seeded with the demo at the tests' usual instant. Each test file then gets a database
 * of its own made from one of them (CREATE DATABASE … TEMPLATE: a file copy on the server, milliseconds).
 */
import pg from "pg";
import { closeDatabase, migrateDatabase, openDatabase } from "@/db/client";
import { seedDemo } from "@/db/seed";
import { env } from "@/lib/env";
import { DEMO_TEMPLATE_NOW, pinnedPractice } from "./global-setup";

export const EMPTY_TEMPLATE = "qt_empty";
export const DEMO_TEMPLATE = "qt_demo";

/** The address of database `name` on the server of `url`. */
export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new database copied from `template` on the server of `url` (its own name), and how to drop it. */
export async function createDatabaseFrom(url: string, template: string, name: string): Promise<string> {
  await admin(url, (c) => c.query(`create database "${name}" template "${template}"`));
  return databaseUrl(url, name);
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  await admin(url, (c) => c.query(`drop database if exists "${name}" with (force)`));
}

async function build() {
  const server = env().DATABASE_URL!;
  await admin(server, (c) => c.query(`create database "${EMPTY_TEMPLATE}"`));
  const empty = openDatabase(databaseUrl(server, EMPTY_TEMPLATE));
  await migrateDatabase(empty);
  await closeDatabase(empty);
  const demo = openDatabase(await createDatabaseFrom(server, EMPTY_TEMPLATE, DEMO_TEMPLATE));
  await seedDemo(demo, { now: new Date(DEMO_TEMPLATE_NOW), practice: pinnedPractice(new Date(DEMO_TEMPLATE_NOW)) });
  await closeDatabase(demo);
}

if (process.argv[1]?.endsWith("postgres-templates.ts")) await build();
