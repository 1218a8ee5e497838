/**
 * Which database this process talks to: PostgreSQL when DATABASE_URL is set (a national
 * deployment, several app servers), otherwise the embedded SQLite file (DATABASE_PATH), the default
 * of `npm install && npm start` (docs/decisions/0001-two-database-engines.md).
 */
import { databaseUrlIsSet } from "@/lib/env";

export type DatabaseEngine = "sqlite" | "postgres";

export function databaseEngine(): DatabaseEngine {
  return databaseUrlIsSet() ? "postgres" : "sqlite";
}
