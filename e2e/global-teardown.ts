/**
 * After the run: with E2E_ENGINE=postgres, stop and remove the cluster e2e/serve.ts started (Playwright ends the
 * web server without letting it stop its children). Nothing to do on SQLite.
 */
import fs from "node:fs";
import { removeCluster } from "@/lib/testing/postgres-server";
import { E2E_ON_POSTGRES, E2E_PG_CLUSTER } from "./e2e-env";

export default function globalTeardown() {
  if (!E2E_ON_POSTGRES || !fs.existsSync(E2E_PG_CLUSTER)) return;
  removeCluster(fs.readFileSync(E2E_PG_CLUSTER, "utf8"));
  fs.rmSync(E2E_PG_CLUSTER, { force: true });
}
