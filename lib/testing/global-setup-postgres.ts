/**
 * Vitest global setup of the `postgres` project (vitest.config.mts): a real PostgreSQL server for the
 * run (lib/testing/postgres-server.ts, Debian's package), and on it the two templates every test file
 * copies (lib/testing/postgres-templates.ts, built in a child process that runs on PostgreSQL). The
 * workers learn the server's address through `inject` (lib/testing/postgres-worker.ts). Stopped and
 * removed at the end of the run.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startPostgres } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    postgresServer: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startPostgres();
  try {
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    execFileSync(tsx, [path.join(import.meta.dirname, "postgres-templates.ts")], {
      env: { ...process.env, DATABASE_URL: server.url },
      stdio: ["ignore", "inherit", "inherit"],
    });
  } catch (error) {
    server.stop();
    throw error;
  }
  project.provide("postgresServer", server.url);
  return () => server.stop();
}
