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

/**
 * How many write batches one app server should have under way at once (the door's group commit,
 * lib/checkin/group-commit.ts). SQLite has one writer: a second batch only waits behind the first and makes
 * both smaller, one commit each (the door fell from 0.35 to 0.27 of its baseline). PostgreSQL writes the second
 * while the first waits on the network (+12 %, p99 22–24 ms instead of 27 ms). docs/benchmarks.md, bench:checkin.
 */
export function writeBatchesAtOnce(): number {
  return databaseEngine() === "postgres" ? 2 : 1;
}
