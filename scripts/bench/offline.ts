/**
 * `npm run bench:offline`: the offline door's figures (docs/decisions/0009), in one run.
 *
 *  1. a fresh database: the demo, plus two conferences open now, of 500 and of
 *     5,000 invitees (real seeded people: Vietnamese names, positions,
 *     workplaces, phones), with a door-staff account assigned to both sites;
 *  2. roster size: GET /api/sites/{id}/roster from the production server, as
 *     sent (gzip) and as JSON; target: 500 invitees under 100 KB compressed;
 *  3. time to verify a scan offline: the device judge (WebCrypto Ed25519 + the
 *     shared rules) over the 5,000 roster in Node, and in Chromium the whole
 *     offline scan at the door page, from Enter to the verdict on screen;
 *  4. batch sync of 1,000 queued scans: 5 requests of 200 to /api/checkin/batch,
 *     as a door device sends its queue, then the same again (all replays).
 */
import fs from "node:fs";
import http from "node:http";
import zlib from "node:zlib";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { and, count, eq, inArray } from "drizzle-orm";
import { returnedRow, firstRow, closeDatabase, writerForSetup, transaction, migrateDatabase, openDatabase, type Db } from "@/db/client";
import { seedDemo } from "@/db/seed";
import * as t from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { createDeviceJudge } from "@/lib/checkin/shared/device-judge";
import { buildOfflineRoster } from "@/lib/checkin/offline-roster";
import { siteForScan } from "@/lib/checkin/scan-statements";
import { ensureCampaignKeys } from "@/lib/invitations/campaign-keys";
import { signToken } from "@/lib/tokens/qr-token";
import { signIn, startApp } from "./http-helpers";
import { toolEnv } from "@/lib/env";

const PORT = 3403;
const BASE = `http://127.0.0.1:${PORT}`;
const SIZES = [500, 5000];
const BROWSER_SCANS = 200;
const SYNC_SCANS = 1000;

async function prepare(file: string) {
  const db = openDatabase(file);
  await migrateDatabase(db);
  await seedDemo(db);
  const passwordHash = await hashPassword("bench-password");
  const province = (await firstRow(db.select().from(t.units).where(eq(t.units.code, "51"))))!;
  const body = (await firstRow(db.select().from(t.bodies).where(eq(t.bodies.unitId, province.id))))!;
  const campaign = (await firstRow(db.select().from(t.campaigns)))!;
  const keys = await ensureCampaignKeys(db, campaign.id);
  const people = await db.select({ id: t.people.id }).from(t.people);
  const scanner = await returnedRow(
    writerForSetup(db).insert(t.users).values({ username: "bench.door", passwordHash, fullName: "Bench", role: "scanner", unitId: province.id }).returning(),
  );
  const sites: { size: number; siteId: number; tokens: string[] }[] = [];
  for (const size of SIZES) {
    await transaction(db, async (tx) => {
      const conference = await returnedRow(
        tx
          .insert(t.conferences)
          .values({
            campaignId: campaign.id,
            unitId: province.id,
            bodyId: body.id,
            title: `Hội nghị thử ${size} đại biểu`,
            startsAt: new Date(Date.now() - 600_000),
            endsAt: new Date(Date.now() + 6 * 3600_000),
            status: "in_progress",
          })
          .returning(),
      );
      const siteId = (
        await returnedRow(
          tx
            .insert(t.sites)
            .values({ conferenceId: conference.id, unitId: province.id, isMain: true, venue: `Hội trường ${size}` })
            .returning(),
        )
      ).id;
      await tx.insert(t.siteStaff).values({ siteId, userId: scanner.id });
      const tokens: string[] = [];
      for (let i = 0; i < size; i += 500) {
        const rows = await tx
          .insert(t.invitations)
          .values(
            people
              .slice(i, Math.min(i + 500, size))
              .map((p) => ({ conferenceId: conference.id, personId: p.id, bodyId: body.id, siteId, status: "issued" as const })),
          )
          .returning({ id: t.invitations.id });
        for (const r of rows) {
          const token = signToken({ invitationId: r.id, conferenceId: conference.id, tokenVersion: 1 }, keys.privateKey);
          await tx.update(t.invitations).set({ token }).where(eq(t.invitations.id, r.id));
          tokens.push(token);
        }
      }
      sites.push({ size, siteId, tokens });
    });
  }
  return { db, sites };
}

/** The body as sent on the wire (no decompression), and its length decompressed. */
function rawGet(url: string, cookie: string): Promise<{ wire: number; encoding: string; json: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { cookie, "accept-encoding": "gzip, deflate, br" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const wire = Buffer.concat(chunks);
          const encoding = String(res.headers["content-encoding"] ?? "identity");
          const json = encoding === "gzip" ? zlib.gunzipSync(wire) : encoding === "br" ? zlib.brotliDecompressSync(wire) : wire;
          resolve({ wire: wire.length, encoding, json: json.length });
        });
      })
      .on("error", reject);
  });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))];

async function nodeVerify(db: Db, site: { siteId: number; tokens: string[] }) {
  const row = (await siteForScan(db, site.siteId))!;
  const judge = createDeviceJudge(await buildOfflineRoster(db, row));
  await judge.judge({ token: site.tokens[0], scannedAt: Date.now() }, new Map()); // key import
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const started = performance.now();
    const result = await judge.judge({ token: site.tokens[i % site.tokens.length], scannedAt: Date.now() }, new Map());
    times.push(performance.now() - started);
    if (result.verdict !== "ok") throw new Error(`unexpected verdict ${result.verdict}`);
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function browserScans(cookie: string, site: { siteId: number; tokens: string[] }) {
  const browser = await chromium.launch({ executablePath: toolEnv().CHROMIUM_PATH, args: ["--no-sandbox", "--headless"] });
  try {
    const context = await browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
    const [name, value] = cookie.split("=");
    await context.addCookies([{ name, value, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
    const page = await context.newPage();
    const openStarted = Date.now();
    await page.goto(`${BASE}/checkin/${site.siteId}`);
    await page.waitForFunction(() => document.querySelector("[data-testid=present-count]")?.textContent !== "…", undefined, { timeout: 60_000 });
    const rosterReadyMs = Date.now() - openStarted;
    await context.setOffline(true);
    const times = await page.evaluate(
      async (tokens) => {
        const input = document.querySelector<HTMLInputElement>("#scan-input")!;
        const verdict = document.querySelector("[data-testid=verdict]")!;
        const out: number[] = [];
        for (const token of tokens) {
          const before = verdict.textContent;
          const changed = new Promise<void>((resolve) => {
            const observer = new MutationObserver(() => {
              if (verdict.textContent !== before) {
                observer.disconnect();
                resolve();
              }
            });
            observer.observe(verdict, { subtree: true, childList: true, characterData: true, attributes: true });
          });
          const started = performance.now();
          input.value = token;
          input.form!.requestSubmit();
          await changed;
          out.push(performance.now() - started);
          // Past the scanner's double-send guard for the same code (never hit here: every token differs).
        }
        return out;
      },
      site.tokens.slice(0, BROWSER_SCANS),
    );
    const queued = await page.getByTestId("queue-count").getAttribute("data-count");
    return { p50: percentile(times, 50), p99: percentile(times, 99), queued, rosterReadyMs };
  } finally {
    await browser.close();
  }
}

async function batchSync(cookie: string, site: { siteId: number; tokens: string[] }) {
  const tokens = site.tokens.slice(site.tokens.length - SYNC_SCANS);
  const at = Date.now() - 60_000;
  const items = tokens.map((token, i) => ({
    type: "scan",
    token,
    deviceId: "may-bench",
    nonce: `bench-sync-${i}-${process.pid}`,
    scannedAt: at + i * 100,
    method: "camera",
  }));
  const send = async () => {
    const started = performance.now();
    let ok = 0;
    for (let i = 0; i < items.length; i += 200) {
      const response = await fetch(`${BASE}/api/checkin/batch`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ siteId: site.siteId, items: items.slice(i, i + 200) }),
      });
      if (!response.ok) throw new Error(`batch: ${response.status} ${await response.text()}`);
      const { results } = (await response.json()) as { results: { ok: boolean; result?: { verdict: string } }[] };
      ok += results.filter((r) => r.ok && r.result?.verdict === "ok").length;
    }
    return { ms: performance.now() - started, ok };
  };
  return { first: await send(), again: await send() };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-bench-offline-"));
  const file = path.join(dir, "bench.db");
  const { db, sites } = await prepare(file);
  const [small, large] = sites;

  const verify = await nodeVerify(db, large);
  const app = await startApp(file, PORT);
  try {
    const cookie = await signIn(BASE, "bench.door", "bench-password");
    console.log("\nRoster download (GET /api/sites/{id}/roster)");
    for (const site of sites) {
      const r = await rawGet(`${BASE}/api/sites/${site.siteId}/roster`, cookie);
      console.log(
        `  ${String(site.size).padStart(5)} invitees: ${kb(r.wire).padStart(9)} sent (${r.encoding}), ${kb(r.json).padStart(9)} JSON${site.size === 500 ? `  → target < 100 KB: ${r.wire < 100 * 1024 ? "met" : "NOT met"}` : ""}`,
      );
    }
    console.log(`\nOffline verification, ${large.size}-invitee roster`);
    console.log(`  device judge in Node (WebCrypto Ed25519 + rules), 2,000 scans: p50 ${verify.p50.toFixed(3)} ms, p99 ${verify.p99.toFixed(3)} ms`);
    const browser = await browserScans(cookie, large);
    console.log(
      `  door page in Chromium, offline, ${BROWSER_SCANS} scans, Enter → verdict on screen: p50 ${browser.p50.toFixed(1)} ms, p99 ${browser.p99.toFixed(1)} ms (queued: ${browser.queued}; page + roster ready in ${browser.rosterReadyMs} ms)`,
    );
    const sync = await batchSync(cookie, large);
    const stored = (await firstRow(
      db
        .select({ n: count() })
        .from(t.checkIns)
        .where(and(eq(t.checkIns.siteId, large.siteId), inArray(t.checkIns.deviceId, ["may-bench"]))),
    ))!.n;
    console.log(`\nBatch sync of ${SYNC_SCANS.toLocaleString("en")} queued scans (5 × 200, POST /api/checkin/batch)`);
    console.log(
      `  first sync: ${sync.first.ms.toFixed(0)} ms (${sync.first.ok} check-ins); resent (all replays by nonce): ${sync.again.ms.toFixed(0)} ms; in the database: ${stored} (expected ${SYNC_SCANS})`,
    );
    void small;
  } finally {
    app.stop();
    await closeDatabase(db);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

void main();
