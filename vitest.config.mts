import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // The real module throws outside React Server Components.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    // The migrated and the demo databases, built once per run and copied by each test file (lib/testing/test-db.ts).
    globalSetup: ["lib/testing/global-setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    // A zone far from Vietnam: every display must still be in Asia/Ho_Chi_Minh.
    env: { TZ: "America/Los_Angeles" },
    hookTimeout: 60_000,
  },
});
