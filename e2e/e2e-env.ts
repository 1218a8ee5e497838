import path from "node:path";

/** Where the e2e server listens and keeps its database: never the real one. */
/** E2E_PORT overrides it (two checkouts testing side by side). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_DATA_DIR = path.resolve("data", "e2e");
export const E2E_DATABASE = path.join(E2E_DATA_DIR, "app.db");
/** The fake camera's video, written by the global setup. */
export const CAMERA_FEED = path.join(E2E_DATA_DIR, "camera.y4m");

/**
 * E2E_ENGINE=postgres (npm run test:e2e:postgres): the server and the tests use a throw-away PostgreSQL
 * on this port (e2e/serve.ts starts it) instead of the SQLite file.
 */
export const E2E_ON_POSTGRES = process.env.E2E_ENGINE === "postgres";
export const E2E_PG_PORT = E2E_PORT + 50;
export const E2E_PG_URL = `postgres://postgres@127.0.0.1:${E2E_PG_PORT}/postgres`;
/** Where e2e/serve.ts notes its cluster's folder (outside E2E_DATA_DIR, which each run empties). */
export const E2E_PG_CLUSTER = path.resolve("data", "e2e-postgres-cluster");
