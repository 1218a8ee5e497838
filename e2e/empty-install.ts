/**
 * A second server for the tests that start from nothing: `npm start`'s own path
 * with DEMO=0 on a database of its own (data/e2e-empty/), on the port after the
 * e2e one. Started by the spec that needs it, after the demo server has built
 * the app (so it does not build again), and stopped when the spec ends.
 */
import fs from "node:fs";
import path from "node:path";
import { startApp } from "../scripts/bench/http-helpers";
import { E2E_PORT } from "./e2e-env";

export const EMPTY_PORT = E2E_PORT + 1;
export const EMPTY_DATA_DIR = path.resolve("data", "e2e-empty");
export const EMPTY_ADMIN = { username: "quantri", password: "mat-khau-quan-tri-1" } as const;

export async function startEmptyInstall() {
  fs.rmSync(EMPTY_DATA_DIR, { recursive: true, force: true });
  fs.mkdirSync(EMPTY_DATA_DIR, { recursive: true });
  const file = path.join(EMPTY_DATA_DIR, "app.db");
  const app = await startApp(
    file,
    EMPTY_PORT,
    {
      DEMO: "0",
      ADMIN_USERNAME: EMPTY_ADMIN.username,
      ADMIN_PASSWORD: EMPTY_ADMIN.password,
      ROOT_UNIT_NAME: "Tỉnh Thử Nghiệm",
      ROOT_UNIT_CODE: "99",
      NEXTAUTH_URL: `http://localhost:${EMPTY_PORT}`,
    },
    ["--no-build"],
  );
  return { ...app, base: `http://localhost:${EMPTY_PORT}`, file };
}
