import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { CAMERA_FEED, E2E_BASE_URL, E2E_ON_POSTGRES, E2E_PG_URL } from "./e2e/e2e-env";

// E2E_ENGINE=postgres: the tests' own database access (e2e/fixtures.ts) goes to the server's PostgreSQL; the
// schema picks PostgreSQL's tables in every worker from this (db/engine.ts). Empty otherwise: SQLite.
process.env.DATABASE_URL = E2E_ON_POSTGRES ? E2E_PG_URL : "";

/**
 * e2e runs against a production build (`npm start`'s own path) on port 3100
 * with its own throw-away database in data/e2e/ (see e2e/serve.ts), or with E2E_ENGINE=postgres
 * (`npm run test:e2e:postgres`: the door, the authorization matrix and the reports) a throw-away PostgreSQL.
 * Chromium: Debian's at /usr/bin/chromium, or CHROMIUM_PATH; elsewhere
 * Playwright's own browser if it is installed.
 */
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const executablePath = fs.existsSync(chromiumPath) ? chromiumPath : undefined;
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: E2E_BASE_URL,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  projects: [
    { name: "chromium", testIgnore: /checkin-(camera|update)/, use: { ...devices["Desktop Chrome"], channel: undefined } },
    {
      // A real camera feed: Chromium plays a Y4M of an invitation's QR as its camera.
      name: "camera",
      testMatch: /checkin-camera/,
      use: {
        ...devices["Desktop Chrome"],
        channel: undefined,
        permissions: ["camera"],
        launchOptions: {
          executablePath,
          args: [...CHROMIUM_ARGS, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-video-capture=${CAMERA_FEED}`],
        },
      },
    },
    {
      // A new build for the service worker: alone, after every other spec (it would update the worker of any door page open meanwhile).
      name: "update",
      testMatch: /checkin-update/,
      dependencies: ["chromium", "camera"],
      use: { ...devices["Desktop Chrome"], channel: undefined },
    },
  ],
  webServer: {
    command: "node_modules/.bin/tsx e2e/serve.ts",
    url: `${E2E_BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
