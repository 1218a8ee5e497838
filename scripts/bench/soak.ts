/**
 * `npm run bench:soak`: ten minutes of a conference morning on the production server
 * (a check added on 29/11/2026; figures in docs/benchmarks.md). 50 door devices scan at a
 * steady pace (new letters, later repeats), province staff open reports, organisers the
 * calendar; every request is bounded (a fixed pace per client, no open-ended flood). Prints
 * throughput and p50/p99 per route, errors (must be 0), and the server's memory after a warm-up
 * and at the end (growth must stay within 20%).
 * SOAK_SECONDS shortens it (default 600). Exits 1 if a target is missed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { firstRow, closeDatabase, openDatabase } from "@/db/client";
import * as t from "@/db/schema";
import { eq } from "drizzle-orm";
import { prepareCheckInDatabase } from "./checkin-fixture";
import { signIn, startApp } from "./http-helpers";
import { toolEnv } from "@/lib/env";

const SECONDS = toolEnv().SOAK_SECONDS;
const DEVICES = 50;
const DEVICE_PACE_MS = 250; // each device: 4 scans a second at most
const PORT = toolEnv().SOAK_PORT;
/** SOAK_ONLY=door or pages runs half the traffic (to tell where memory goes). */
const ONLY = toolEnv().SOAK_ONLY;

interface Stats {
  times: number[];
  errors: number;
}

function rssOf(root: number): number {
  const children = (pid: number): number[] => {
    try {
      return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const rss = (pid: number) => {
    try {
      return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
    } catch {
      return 0;
    }
  };
  const all: number[] = [];
  const walk = (pid: number) => children(pid).forEach((c) => (all.push(c), walk(c)));
  walk(root);
  return Math.max(0, ...all.map(rss));
}

const pct = (values: number[], p: number) =>
  values.length ? [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] : 0;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-soak-"));
  const file = path.join(dir, "soak.db");
  const { tokens, siteId } = await prepareCheckInDatabase(file, 50_000);
  const db = openDatabase(file);
  const conferenceId = (await firstRow(db.select().from(t.sites).where(eq(t.sites.id, siteId))))!.conferenceId;
  const campaignId = (await firstRow(db.select().from(t.campaigns)))!.id;
  await closeDatabase(db);
  const app = await startApp(file, PORT);
  const stats = new Map<string, Stats>();
  const record = (route: string, ms: number, ok: boolean) => {
    let s = stats.get(route);
    if (!s) stats.set(route, (s = { times: [], errors: 0 }));
    s.times.push(ms);
    if (!ok) s.errors++;
  };
  try {
    const door = await signIn(app.base, "bench.scanner", "bench-password");
    const admin = await signIn(app.base, "admin", "demo1234");
    let running = true;
    let seq = 0;
    const timed = async (route: string, url: string, init: RequestInit) => {
      const started = performance.now();
      try {
        const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
        record(route, performance.now() - started, response.ok);
      } catch {
        record(route, performance.now() - started, false);
      }
    };
    const loop = async (pace: number, work: () => Promise<void>) => {
      while (running) {
        const started = Date.now();
        await work();
        await new Promise((r) => setTimeout(r, Math.max(0, pace - (Date.now() - started))));
      }
    };
    const devices = Array.from({ length: ONLY === "pages" ? 0 : DEVICES }, (_, d) =>
      loop(DEVICE_PACE_MS, () => {
        const n = ++seq;
        return timed("POST /api/checkin", `${app.base}/api/checkin`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie: door },
          body: JSON.stringify({
            token: tokens[n % tokens.length],
            siteId,
            deviceId: `soak-${d}`,
            nonce: `soak-${process.pid}-${n}`,
            scannedAt: Date.now(),
            method: "camera",
          }),
        });
      }),
    );
    const get = (route: string, url: string, cookie: string) => () => timed(route, `${app.base}${url}`, { headers: { cookie } });
    const readers =
      ONLY === "door"
        ? []
        : [
            loop(2000, get("GET /reports", `/reports?campaign=${campaignId}`, admin)),
            loop(2000, get("GET /conferences/{id}/report", `/conferences/${conferenceId}/report`, admin)),
            loop(3000, get("GET /reports/units/{code}", "/reports/units/535", admin)),
            loop(2000, get("GET /calendar", `/calendar?campaign=${campaignId}`, admin)),
            loop(1000, get("GET /api/calendar/events", `/api/calendar/events?campaign=${campaignId}`, admin)),
            loop(2000, get("GET /api/conferences/{id}/live", `/api/conferences/${conferenceId}/live`, admin)),
          ];
    // Warm-up: the same traffic plus eight page readers without pause, until V8 has filled its
    // bounded heap (SERVER_HEAP_MB); memory is then compared from a warm server, not a cold one.
    const warmUp = Math.min(90, Math.max(5, SECONDS / 5));
    let warming = true;
    const pages = ["/reports", `/conferences/${conferenceId}/report`, `/calendar?campaign=${campaignId}`, "/reports/units/535"];
    const heaters = Array.from({ length: 8 }, async (_, h) => {
      for (let i = h; warming; i++)
        await fetch(`${app.base}${pages[i % pages.length]}`, { headers: { cookie: admin } })
          .then((r) => r.arrayBuffer())
          .catch(() => null);
    });
    await new Promise((r) => setTimeout(r, warmUp * 1000));
    warming = false;
    await Promise.all(heaters);
    await new Promise((r) => setTimeout(r, 5000));
    const memoryStart = rssOf(app.child.pid!);
    console.log(`Warm-up ${warmUp} s done; server RSS ${memoryStart.toFixed(0)} MB. Running ${SECONDS} s…`);
    for (const s of stats.values()) {
      s.times = [];
      s.errors = 0;
    }
    const started = Date.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    running = false;
    await Promise.all([...devices, ...readers]);
    const elapsed = (Date.now() - started) / 1000;
    const memoryEnd = rssOf(app.child.pid!);

    console.log(`\n${"route".padEnd(36)} ${"requests".padStart(9)} ${"req/s".padStart(7)} ${"p50".padStart(8)} ${"p99".padStart(8)} errors`);
    let errors = 0;
    for (const [route, s] of [...stats.entries()].sort()) {
      errors += s.errors;
      console.log(
        `${route.padEnd(36)} ${String(s.times.length).padStart(9)} ${(s.times.length / elapsed).toFixed(1).padStart(7)} ${`${pct(s.times, 50).toFixed(0)} ms`.padStart(8)} ${`${pct(s.times, 99).toFixed(0)} ms`.padStart(8)} ${s.errors}`,
      );
    }
    const growth = (memoryEnd - memoryStart) / memoryStart;
    console.log(`\nServer RSS: ${memoryStart.toFixed(0)} MB after the warm-up, ${memoryEnd.toFixed(0)} MB at the end (${(growth * 100).toFixed(1)}%).`);
    const met = errors === 0 && growth <= 0.2;
    console.log(`Targets: 0 errors (${errors}), memory growth ≤ 20% → ${met ? "met" : "NOT met"}.`);
    app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(met ? 0 : 1);
  } catch (error) {
    app.stop();
    throw error;
  }
}

void main();
