/**
 * Playwright's web server: a fresh demo database in data/e2e/, then the same
 * start script as `npm start` (production build) on the e2e port.
 */
import fs from "node:fs";
import { E2E_DATA_DIR, E2E_DATABASE, E2E_PORT } from "./e2e-env";

fs.rmSync(E2E_DATA_DIR, { recursive: true, force: true });
process.env.DATABASE_PATH = E2E_DATABASE;
process.env.PORT = String(E2E_PORT);
process.env.DEMO = "1";
process.env.NEXTAUTH_URL = `http://localhost:${E2E_PORT}`;

await import("../scripts/start");
