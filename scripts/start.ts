/**
 * `npm start`: everything a fresh machine needs, then the production server.
 *
 *  1. secrets: NEXTAUTH_SECRET from the environment, or generated once and kept
 *     beside the database (data/secrets.json) with a warning;
 *  2. a production build when there is none or the sources are newer;
 *  3. the database: created, migrated, and seeded with the demo when empty
 *     (DEMO=0: an empty database whose first admin is ADMIN_USERNAME/ADMIN_PASSWORD);
 *  4. `next start` on PORT (default 3000), printing the demo accounts.
 *
 * Before any of it, the environment is validated (lib/env.ts: a refused value is named, with what
 * is allowed, and the script exits with code 1), then PORT is checked: when another program holds
 * it, a Vietnamese message says so and how to choose another port (PORT=3001 npm start), and the
 * script exits with code 1.
 *
 * `npm run dev` does 1 and 3, then `next dev`.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import nextEnv from "@next/env"; // CommonJS: no named ESM exports
import {
  closeDatabase,
  writerForSetup,
  defaultDatabaseLocation,
  defaultDatabasePath,
  migrateDatabase,
  openDatabase,
  withSetupLock,
  type Db,
} from "@/db/client";
import { bootstrapEmpty, isDatabaseEmpty, seedDemo } from "@/db/seed";
import { seedReform2025 } from "@/db/seed-2025";
import { REFORM_ACCOUNTS, REFORM_PASSWORD } from "@/db/seed-2025-data";
import { ensureDefaultBodyTemplates } from "@/lib/bodies/default-body-templates";
import { demoVariant, type DemoVariant } from "@/lib/settings/is-demo-data";
import { checkPort, nextFreePort, portProblemMessage } from "@/lib/start/port-check";
import { sessionSecret } from "@/lib/start/session-secret";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/db/seed-data";
import { childProcessEnv, envOrExit, type Env } from "@/lib/env";

const ROOT = process.cwd();
const NEXT_BIN = path.join(ROOT, "node_modules", ".bin", "next");
const TSX_BIN = path.join(ROOT, "node_modules", ".bin", "tsx");
/**
 * A bounded JavaScript heap for the server (SERVER_HEAP_MB, default 512): V8 otherwise grows its
 * heap far beyond the working set before collecting (measured by `npm run bench:soak`: 1.5 GB
 * after ten minutes unbounded, stable when bounded), which a 2 GB office server cannot afford.
 */
function serverNodeOptions(env: Env): string {
  return [env.NODE_OPTIONS ?? "", `--max-old-space-size=${env.SERVER_HEAP_MB}`].join(" ").trim();
}

const SOURCE_ENTRIES = ["app", "components", "lib", "db", "next.config.mjs", "package.json", "tsconfig.json", "server.ts"];

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

/** NEXTAUTH_SECRET as set, or the one generated once and kept in data/secrets.json (lib/start/session-secret.ts). */
function sessionSecretFor(env: Env, dataDir: string): string {
  // Several app servers on one PostgreSQL: each would generate its own secret and refuse the others' sessions.
  if (env.DATABASE_URL && !env.NEXTAUTH_SECRET) {
    fail(
      "DATABASE_URL đã đặt (PostgreSQL, nhiều máy chủ ứng dụng) nên phải đặt NEXTAUTH_SECRET — cùng một giá trị trên mọi máy chủ (openssl rand -base64 48).\n" +
        "  With DATABASE_URL set, NEXTAUTH_SECRET is required: the same value on every app server.",
    );
  }
  const { secret, generated } = sessionSecret(env.NEXTAUTH_SECRET, dataDir);
  if (generated) {
    console.warn(`⚠ NEXTAUTH_SECRET chưa được đặt: đã tạo một khóa ngẫu nhiên và lưu tại ${path.join(dataDir, "secrets.json")}.`);
    console.warn("  Khi triển khai thật, đặt NEXTAUTH_SECRET trong môi trường và sao lưu nó.");
  }
  return secret;
}

/**
 * What npm start fills in for its children (next build, server.ts, next dev), in one place: the
 * database's absolute path, the local URL and the session secret when they are not set, and no
 * telemetry. The children validate the result again (server.ts requires the secret).
 */
function filledForChildren(env: Env, databaseFile: string): Record<string, string> {
  return {
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_PATH: databaseFile,
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
    NEXTAUTH_SECRET: sessionSecretFor(env, path.dirname(databaseFile)),
  };
}

function newestMtime(entry: string): number {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function buildIfNeeded(childEnv: NodeJS.ProcessEnv): void {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const changedAt = Math.max(...SOURCE_ENTRIES.map(newestMtime));
  if (builtAt > changedAt) return;
  console.log(builtAt ? "Mã nguồn đã thay đổi: đang dựng lại ứng dụng…" : "Đang dựng ứng dụng lần đầu (khoảng 1 phút)…");
  const result = spawnSync(NEXT_BIN, ["build"], { stdio: "inherit", env: childEnv });
  if (result.status !== 0) fail("Dựng ứng dụng thất bại (next build). Xem lỗi ở trên.");
}

async function prepareDatabase(env: Env, location: string): Promise<DemoVariant | null> {
  // On PostgreSQL every app server starting runs this, one at a time (withSetupLock).
  const db = openDatabase(location);
  try {
    return await withSetupLock(db, () => setUp(env, db));
  } finally {
    await closeDatabase(db);
  }
}

async function setUp(env: Env, db: Db): Promise<DemoVariant | null> {
  await migrateDatabase(db);
  if (await isDatabaseEmpty(db)) {
    if (env.DEMO === "1") {
      console.log("Cơ sở dữ liệu trống: đang nạp dữ liệu mẫu tỉnh Quảng Ngãi…");
      const summary = await seedDemo(db);
      console.log(
        `  ${summary.units} đơn vị, ${summary.conferences} hội nghị, ${summary.people} người, ${summary.invitations} giấy mời, ${summary.checkIns} lượt điểm danh.`,
      );
    } else if (env.DEMO === "2025") {
      console.log("Cơ sở dữ liệu trống: đang nạp dữ liệu mẫu sau sắp xếp năm 2025 (minh họa)…");
      const summary = await seedReform2025(writerForSetup(db));
      console.log(
        `  ${summary.units} đơn vị, ${summary.bodies} cơ quan, ${summary.requirements} hội nghị bắt buộc, ${summary.people} người, ${summary.invitations} giấy mời.`,
      );
    } else {
      if (!env.ADMIN_USERNAME || !env.ADMIN_PASSWORD) {
        fail("DEMO=0 cần ADMIN_USERNAME và ADMIN_PASSWORD (ít nhất 8 ký tự) để tạo tài khoản quản trị đầu tiên.");
      }
      await bootstrapEmpty(db, {
        adminUsername: env.ADMIN_USERNAME,
        adminPassword: env.ADMIN_PASSWORD,
        rootUnitName: env.ROOT_UNIT_NAME,
        rootUnitCode: env.ROOT_UNIT_CODE,
      });
      console.log(`Đã tạo cơ sở dữ liệu trống với tài khoản quản trị "${env.ADMIN_USERNAME}".`);
    }
  }
  // The starting body templates per unit kind, once per database (an admin edits or deletes them).
  await ensureDefaultBodyTemplates(db);
  return await demoVariant(db);
}

function printAccounts(url: string, demo: DemoVariant | null): void {
  console.log(`\nQuán Triệt đang chạy tại ${url}`);
  if (demo === "2021") {
    console.log(`Tài khoản dùng thử (mật khẩu: ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(14)} ${a.description}`);
  } else if (demo === "2025") {
    console.log(`Dữ liệu minh họa sau sắp xếp năm 2025. Tài khoản dùng thử (mật khẩu: ${REFORM_PASSWORD}):`);
    console.log(`  ${"admin".padEnd(14)} Quản trị — toàn tỉnh`);
    for (const a of REFORM_ACCOUNTS) console.log(`  ${a.username.padEnd(14)} ${a.description}`);
  } else return;
  console.log("");
}

async function main(): Promise<void> {
  const dev = process.argv.includes("--dev");
  // The same .env files that Next reads (.env, .env.local, .env.production…), then every variable checked.
  nextEnv.loadEnvConfig(ROOT, dev);
  const env = envOrExit();
  // The port first: nothing is built, migrated or printed for a server that cannot listen.
  const portState = await checkPort(env.PORT);
  if (portState !== "free") fail(portProblemMessage(env.PORT, portState, await nextFreePort(portState === "denied" ? 2999 : env.PORT)));
  const databaseFile = defaultDatabasePath();
  const filled = filledForChildren(env, databaseFile);

  const demo = await prepareDatabase(env, defaultDatabaseLocation());
  // --no-build: serve the build that is there (a second server beside a running one must not rebuild under it).
  if (!dev && !process.argv.includes("--no-build")) buildIfNeeded(childProcessEnv(filled));

  // Production: server.ts (Next plus the check-in fast path); development: plain `next dev`.
  const child = dev
    ? spawn(NEXT_BIN, ["dev", "-p", String(env.PORT)], { stdio: "inherit", env: childProcessEnv(filled) })
    : spawn(TSX_BIN, ["server.ts"], {
        stdio: "inherit",
        env: childProcessEnv({ ...filled, PORT: String(env.PORT), NODE_ENV: "production", NODE_OPTIONS: serverNodeOptions(env) }),
      });
  printAccounts(filled.NEXTAUTH_URL, demo);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
}

void main();
