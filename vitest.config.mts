import fs from "node:fs";
import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

const INCLUDE = ["lib/**/*.test.ts", "db/**/*.test.ts", "scripts/**/*.test.ts"];

/**
 * Tests of SQLite's own machinery (the write lane, migrations and their one-off steps, backups, the
 * multi-process writer) and the tools that already start their own PostgreSQL (the schema parity, the export,
 * the name order): they run once, in the `sqlite` project.
 */
const ENGINE_SPECIFIC = [
  "db/backup.test.ts",
  "db/client.test.ts",
  "db/migrate.test.ts",
  "db/normalize-text.test.ts",
  "db/schema-parity.test.ts",
  "db/export-to-postgres.test.ts",
  "db/postgres-name-order.test.ts",
  "db/postgres-connection-loss.test.ts",
  "lib/testing/concurrent-writes.test.ts",
  "lib/testing/postgres-server.test.ts",
];

/** Tests of what only PostgreSQL does (a transaction refused for a conflict with a concurrent one): the `postgres` project only. */
const POSTGRES_ONLY = ["lib/checkin/record-batch-conflict.test.ts"];

/** The test files that open a database (lib/testing/test-db.ts): the `postgres` project runs them again on PostgreSQL. */
function filesWithDatabase(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith(".test.ts") && /createTestDb|createDemoDb/.test(fs.readFileSync(file, "utf8"))) found.push(file);
    }
  };
  for (const dir of ["lib", "db"]) walk(dir);
  return found.filter((file) => !ENGINE_SPECIFIC.includes(file)).sort();
}

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // The real module throws outside React Server Components.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    environment: "node",
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: INCLUDE,
          exclude: [...configDefaults.exclude, ...POSTGRES_ONLY],
          // A zone far from Vietnam: every display must still be in Asia/Ho_Chi_Minh. DATABASE_URL empty: SQLite,
          // whatever the shell has.
          env: { TZ: "America/Los_Angeles", DATABASE_URL: "" },
          // The migrated and the demo databases, built once per run and copied by each test file (lib/testing/test-db.ts).
          globalSetup: ["lib/testing/global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: filesWithDatabase(),
          env: { TZ: "America/Los_Angeles" },
          // A PostgreSQL server for the run and its two templates; each worker is pointed at it (DATABASE_URL).
          globalSetup: ["lib/testing/global-setup-postgres.ts"],
          setupFiles: ["lib/testing/postgres-worker.ts"],
        },
      },
    ],
  },
});
