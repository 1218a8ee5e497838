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
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { prepareCheckInDatabase } from "./checkin-fixture";
import { doorMix, type DoorMix } from "./door-mix";
import { signIn, waitFor } from "./http-helpers";
import { childProcessEnv, toolEnv } from "@/lib/env";

const CONNECTIONS = 50;
const DURATION = toolEnv().BENCH_SECONDS;
/** First scans for the whole run: the fast path's best here was ~20,000 req/s, 80 % of them first scans, for the warm-up and the measure. */
const INVITATIONS = Math.ceil((25_000 * 0.8 * (DURATION + 3)) / 1000) * 1000;
const BARE_PORT = 3401;
const APP_PORT = 3402;

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

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-bench-checkin-"));
  const file = path.join(dir, "bench.db");
  const { tokens, siteId } = await prepareCheckInDatabase(file, INVITATIONS);
  console.log(`Prepared ${tokens.length.toLocaleString("en")} invitations; ${CONNECTIONS} connections, ${DURATION} s each after a 3 s warm-up.`);
  let n = 0;
  const bodies = (mix: DoorMix) => () => {
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
  const rows: { name: string; r: Awaited<ReturnType<typeof load>>; mix: DoorMix }[] = [];

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
      const cookie = await signIn(base, "bench.scanner", "bench-password");
      const probe = await fetch(`${base}/api/checkin`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: nextBody() });
      if (!probe.ok) throw new Error(`probe: ${probe.status} ${await probe.text()}`);
      const before = appMix.stats();
      const r = await load(`${base}/api/checkin`, { cookie }, nextBody);
      const after = appMix.stats();
      rows.push({
        name,
        r,
        mix: { next: appMix.next, stats: () => ({ first: after.first - before.first, repeats: after.repeats - before.repeats, exhausted: after.exhausted }) },
      });
    } finally {
      stop(app);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  const baseline = rows[0].r.rps;
  console.log(`\n${"target".padEnd(40)} ${"req/s".padStart(8)} ${"p50".padStart(7)} ${"p99".padStart(7)}  ratio  non-2xx errors  first scans`);
  for (const { name, r, mix } of rows) {
    const { first, repeats, exhausted } = mix.stats();
    const share = `${((100 * first) / Math.max(1, first + repeats)).toFixed(0)} %${exhausted ? " (letters ran out)" : ""}`;
    console.log(
      `${name.padEnd(40)} ${r.rps.toFixed(0).padStart(8)} ${`${r.p50} ms`.padStart(7)} ${`${r.p99} ms`.padStart(7)}  ${(r.rps / baseline).toFixed(2).padStart(5)}  ${String(r.non2xx).padStart(7)} ${String(r.errors).padStart(6)}  ${share}`,
    );
  }
  const fast = rows[1].r;
  const met = fast.rps / baseline >= 0.5 && fast.p99 < 25 && fast.non2xx === 0 && fast.errors === 0;
  console.log(`\nTarget: fast path ≥ 0.50 of the baseline and p99 < 25 ms, no errors → ${met ? "met" : "NOT met"}.`);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

void main();
