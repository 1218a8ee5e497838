import path from "node:path";

/** Where the e2e server listens and keeps its database: never the real one. */
/** E2E_PORT overrides it (two checkouts testing side by side). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_DATA_DIR = path.resolve("data", "e2e");
export const E2E_DATABASE = path.join(E2E_DATA_DIR, "app.db");
/** The fake camera's video, written by the global setup. */
export const CAMERA_FEED = path.join(E2E_DATA_DIR, "camera.y4m");
