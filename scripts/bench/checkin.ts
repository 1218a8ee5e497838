/**
 * `npm run bench:checkin`: POST /api/checkin against the bare baseline, in one run.
 *
 *  1. a fresh database: the demo, plus a conference open now with enough issued invitations at
 *     one site for every first scan of the run, and a door-staff account assigned to it;
 *  2. the bare baseline (scripts/bench/bare-server.mjs: node:http + one prepared INSERT);
 *  3. the production server (scripts/start.ts → server.ts) with the check-in fast path,
 *     and again with CHECKIN_FAST_PATH=0 (Next's route handler) for comparison;
 *  4. autocannon on loopback, 50 connections, every request a new nonce and a door's mix of
 *     tokens (scripts/bench/door-mix.ts): 80 % letters scanned for the first time (a check-in
 *     and its scan log), 20 % letters scanned again (a duplicate: verdict and scan log), spread
 *     over 5,000 door devices (a national conference had 7,439 sites) so that the flood guard
 *     stays quiet. The mix each server got is printed with its figures.
 * Target (docs/decisions/0008): the real endpoint sustains ≥ 50% of the baseline's req/s, p99 < 25 ms.
 *
 * Then the same on PostgreSQL (decision 0038), in a child process of its own (a process runs on one engine):
 * a throw-away PostgreSQL server with fsync on (lib/testing/postgres-server.ts), its baseline
 * (scripts/bench/bare-server-pg.mjs: node:http + one prepared INSERT through node-postgres, a pool of 10),
 * the fast path on PostgreSQL, and two app servers behind nginx (scripts/bench/nginx-balancer.ts; the node
 * balancer, scripts/bench/balancer.ts, when nginx is not installed): their combined rate. Issue 17's targets:
 * ≥ 0.5 of that baseline, p99 < 25 ms; above 100× pretix's ~21 check-ins/s.
 * BENCH_ENGINE=sqlite or postgres measures one engine only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { startPostgres } from "@/lib/testing/postgres-server";
import { startBalancer } from "./balancer";
import { nginxPath, startNginx } from "./nginx-balancer";
import { prepareCheckInDatabase } from "./checkin-fixture";
import { doorMix, type DoorMix } from "./door-mix";
import { signIn, startApp, waitFor } from "./http-helpers";
import { childProcessEnv, env, toolEnv } from "@/lib/env";

const CONNECTIONS = 50;
const DURATION = toolEnv().BENCH_SECONDS;
/** First scans for the whole run: the fast path's best here was ~20,000 req/s, 80 % of them first scans, for the warm-up and the measure. */
const INVITATIONS = Math.ceil((25_000 * 0.8 * (DURATION + 3)) / 1000) * 1000;
const BARE_PORT = 3401;
const APP_PORT = 3402;
const SECOND_APP_PORT = 3403;
const BALANCER_PORT = 3404;
const ON_POSTGRES = process.argv.includes("--postgres");
/** The PostgreSQL part's session secret: required with DATABASE_URL, the same on both app servers. */
const PG_SECRET = "bench-checkin-postgres-secret-0123456789abcdef";

function start(command: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(command, args, { env: childProcessEnv({ NEXT_TELEMETRY_DISABLED: "1", ...env }), stdio: ["ignore", "ignore", "inherit"], detached: true });
}

function stop(child: ChildProcess) {
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    // already gone
  }
}

async function load(url: string, headers: Record<string, string>, nextBody: () => string) {
  const run = (duration: number) =>
    autocannon({
      url,
      method: "POST",
      connections: CONNECTIONS,
      duration,
      headers: { "content-type": "application/json", ...headers },
      requests: [{ setupRequest: (req) => ({ ...req, body: nextBody() }) }],
    });
  await run(3); // warm-up
  const result = await run(DURATION);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  };
}

type Row = { name: string; r: Awaited<ReturnType<typeof load>>; mix: DoorMix };

/** The table, each row against the first (the bare baseline), and whether the fast path (the second row) meets the target. */
function report(rows: Row[]) {
  const baseline = rows[0].r.rps;
  console.log(`\n${"target".padEnd(44)} ${"req/s".padStart(8)} ${"p50".padStart(7)} ${"p99".padStart(7)}  ratio  non-2xx errors  first scans`);
  for (const { name, r, mix } of rows) {
    const { first, repeats, exhausted } = mix.stats();
    const share = `${((100 * first) / Math.max(1, first + repeats)).toFixed(0)} %${exhausted ? " (letters ran out)" : ""}`;
    console.log(
      `${name.padEnd(44)} ${r.rps.toFixed(0).padStart(8)} ${`${r.p50} ms`.padStart(7)} ${`${r.p99} ms`.padStart(7)}  ${(r.rps / baseline).toFixed(2).padStart(5)}  ${String(r.non2xx).padStart(7)} ${String(r.errors).padStart(6)}  ${share}`,
    );
  }
  const fast = rows[1].r;
  const met = fast.rps / baseline >= 0.5 && fast.p99 < 25 && fast.non2xx === 0 && fast.errors === 0;
  console.log(`\nTarget: fast path ≥ 0.50 of the baseline and p99 < 25 ms, no errors → ${met ? "met" : "NOT met"}.`);
}

/** The door-staff account signed in on `base`, one probe scan, then the load: the row, with the mix this server got. */
async function measureDoor(name: string, base: string, appMix: DoorMix, nextBody: () => string): Promise<Row> {
  const cookie = await signIn(base, "bench.scanner", "bench-password");
  const probe = await fetch(`${base}/api/checkin`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: nextBody() });
  if (!probe.ok) throw new Error(`probe: ${probe.status} ${await probe.text()}`);
  const before = appMix.stats();
  const r = await load(`${base}/api/checkin`, { cookie }, nextBody);
  const after = appMix.stats();
  const mix = { next: appMix.next, stats: () => ({ first: after.first - before.first, repeats: after.repeats - before.repeats, exhausted: after.exhausted }) };
  return { name, r, mix };
}

/** The scans' bodies: every request a new nonce, a door's mix of tokens, 5,000 devices. */
function bodiesFor(siteId: number) {
  let n = 0;
  return (mix: DoorMix) => () => {
    n++;
    return JSON.stringify({
      token: mix.next(),
      siteId,
      deviceId: `bench-${n % 5000}`,
      nonce: `bench-${process.pid}-${n}`,
      scannedAt: Date.now(),
      method: "camera",
    });
  };
}

/** The PostgreSQL columns (this process runs on PostgreSQL: started by main with DATABASE_URL set). */
async function mainOnPostgres() {
  const url = env().DATABASE_URL!;
  const { tokens, siteId } = await prepareCheckInDatabase(url, INVITATIONS);
  console.log(
    `\nPostgreSQL (fsync on): prepared ${tokens.length.toLocaleString("en")} invitations; ${CONNECTIONS} connections, ${DURATION} s each after a 3 s warm-up.`,
  );
  const bodies = bodiesFor(siteId);
  const rows: Row[] = [];
  const bareMix = doorMix(tokens);
  const bare = start("node", ["scripts/bench/bare-server-pg.mjs", String(BARE_PORT), url], {});
  try {
    await new Promise((r) => setTimeout(r, 1500));
    rows.push({ name: "bare node:http + pg prepared INSERT", r: await load(`http://127.0.0.1:${BARE_PORT}/`, {}, bodies(bareMix)), mix: bareMix });
  } finally {
    stop(bare);
  }
  const appMix = doorMix(tokens);
  const nextBody = bodies(appMix);
  const serverEnv = { DATABASE_URL: url, NEXTAUTH_SECRET: PG_SECRET, CHECKIN_FAST_PATH: "1" };
  const measure = async (name: string, base: string) => rows.push(await measureDoor(name, base, appMix, nextBody));
  const one = await startApp("", APP_PORT, serverEnv);
  try {
    await measure("POST /api/checkin on PostgreSQL (fast path)", one.base);
    const two = await startApp("", SECOND_APP_PORT, serverEnv, ["--no-build"]);
    // nginx when installed, as deployed (docs/operations.md §4b); else the node proxy, in this process with autocannon.
    const withNginx = nginxPath() !== null;
    const balancer = withNginx ? await startNginx([one.base, two.base], BALANCER_PORT) : await startBalancer([one.base, two.base], BALANCER_PORT);
    try {
      await measure(`two app servers behind ${withNginx ? "nginx" : "the node balancer"}`, balancer.base);
    } finally {
      await balancer.close();
      two.stop();
    }
  } finally {
    one.stop();
    await new Promise((r) => setTimeout(r, 1000));
  }
  report(rows);
  const combined = rows[2].r.rps;
  console.log(`Two servers: ${combined.toFixed(0)} req/s combined, ${(combined / 21).toFixed(0)}× pretix's ~21 check-ins/s (issue 17: above 100×).`);
}

async function main() {
  if (ON_POSTGRES) return mainOnPostgres().then(() => process.exit(0));
  const only = toolEnv().BENCH_ENGINE;
  if (only !== "postgres") await mainOnSqlite();
  if (only !== "sqlite") await onPostgresChild();
  process.exit(0);
}

async function mainOnSqlite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-bench-checkin-"));
  const file = path.join(dir, "bench.db");
  const { tokens, siteId } = await prepareCheckInDatabase(file, INVITATIONS);
  console.log(`Prepared ${tokens.length.toLocaleString("en")} invitations; ${CONNECTIONS} connections, ${DURATION} s each after a 3 s warm-up.`);
  const bodies = bodiesFor(siteId);
  const rows: Row[] = [];

  // The baseline inserts whatever it is sent; it gets the same mix from a generator of its own.
  const bareMix = doorMix(tokens);
  const bare = start("node", ["scripts/bench/bare-server.mjs", String(BARE_PORT), path.join(dir, "bare.db")], {});
  try {
    await new Promise((r) => setTimeout(r, 800));
    rows.push({ name: "bare node:http + prepared INSERT", r: await load(`http://127.0.0.1:${BARE_PORT}/`, {}, bodies(bareMix)), mix: bareMix });
  } finally {
    stop(bare);
  }
  // The two app runs share one database: the second goes on with letters the first did not scan.
  const appMix = doorMix(tokens);
  const nextBody = bodies(appMix);

  for (const [name, fast] of [
    ["POST /api/checkin (fast path)", "1"],
    ["POST /api/checkin (Next route handler)", "0"],
  ] as const) {
    const app = start(path.join("node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
      DATABASE_PATH: file,
      PORT: String(APP_PORT),
      NEXTAUTH_URL: `http://localhost:${APP_PORT}`,
      CHECKIN_FAST_PATH: fast,
    });
    try {
      const base = `http://127.0.0.1:${APP_PORT}`;
      await waitFor(`${base}/api/health`, 240_000);
      rows.push(await measureDoor(name, base, appMix, nextBody));
    } finally {
      stop(app);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  report(rows);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The PostgreSQL columns, in a child process that runs on PostgreSQL. */
async function onPostgresChild() {
  const server = await startPostgres({ durable: true });
  try {
    const child = spawn(path.join("node_modules", ".bin", "tsx"), ["scripts/bench/checkin.ts", "--postgres"], {
      env: childProcessEnv({ DATABASE_URL: server.url, NEXT_TELEMETRY_DISABLED: "1" }),
      stdio: "inherit",
    });
    await new Promise((resolve) => child.on("exit", resolve));
  } finally {
    server.stop();
  }
}

void main();
