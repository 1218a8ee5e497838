/**
 * Setup file of the `postgres` vitest project, run in each test file's module graph before the file is
 * imported: DATABASE_URL points at the run's server, so that db/engine.ts says PostgreSQL and
 * db/schema.ts gives PostgreSQL's tables. lib/testing/test-db.ts then makes each file its own database.
 */
import { inject } from "vitest";
import { resetEnvCache } from "@/lib/env";

process.env.DATABASE_URL = inject("postgresServer");
resetEnvCache();
