/**
 * drizzle-kit for the PostgreSQL schema (docs/decisions/0035): `npm run db:generate:pg` writes db/migrations-pg/ and
 * needs no server. DATABASE_URL (lib/env.ts) is only needed by the commands that connect (migrate, push, studio).
 */
import { defineConfig } from "drizzle-kit";
import { env } from "./lib/env";

const url = env().DATABASE_URL;

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema-pg.ts",
  out: "./db/migrations-pg",
  ...(url ? { dbCredentials: { url } } : {}),
});
