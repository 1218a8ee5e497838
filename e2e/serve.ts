/**
 * Playwright's web server: a fresh demo database in data/e2e/ (or, with E2E_ENGINE=postgres, a fresh
 * PostgreSQL cluster on E2E_PG_PORT, stopped and removed when the server stops), then the same start
 * script as `npm start` (production build) on the e2e port.
 */
import fs from "node:fs";
import { removeCluster, startPostgres } from "@/lib/testing/postgres-server";
import { E2E_DATA_DIR, E2E_DATABASE, E2E_ON_POSTGRES, E2E_PG_CLUSTER, E2E_PG_PORT, E2E_PG_URL, E2E_PORT } from "./e2e-env";

fs.rmSync(E2E_DATA_DIR, { recursive: true, force: true });
fs.mkdirSync(E2E_DATA_DIR, { recursive: true }); // the camera feed goes here on either engine
if (E2E_ON_POSTGRES) {
  // Playwright ends this process without a chance to stop its cluster: the next run removes it first.
  if (fs.existsSync(E2E_PG_CLUSTER)) removeCluster(fs.readFileSync(E2E_PG_CLUSTER, "utf8"));
  const server = await startPostgres({ port: E2E_PG_PORT });
  fs.writeFileSync(E2E_PG_CLUSTER, server.dir);
  process.on("exit", () => server.stop());
  process.env.DATABASE_URL = E2E_PG_URL;
  // Required with DATABASE_URL (several app servers share it); a test value.
  process.env.NEXTAUTH_SECRET = "e2e-postgres-session-secret-0123456789abcdef";
}
process.env.DATABASE_PATH = E2E_DATABASE;
process.env.PORT = String(E2E_PORT);
process.env.DEMO = "1";
process.env.NEXTAUTH_URL = `http://localhost:${E2E_PORT}`;

await import("../scripts/start");
