/**
 * `npm run bench:camera`: how fast the door page turns a camera frame into a verdict (docs/decisions/0025).
 *
 * A fresh demo database whose practice conference is open now; the production server; then,
 * RUNS times, a fresh Chromium whose camera is a Y4M video of one invitation's QR (every frame
 * holds it: --use-file-for-fake-video-capture, as e2e/camera-feed.ts writes it). The door page
 * is opened as `diemdanh`, left to settle as a person would (the roster loaded, then a pause),
 * and "Bật camera" is clicked. Measured inside the page, with nothing added to the app:
 *
 *  - "Bật camera" → verdict on screen (the click, to the verdict panel's data-verdict changing);
 *  - first frame → verdict: from the video element's first frame (its first
 *    requestVideoFrameCallback, or `loadeddata` if that comes first), which holds the QR, to the
 *    verdict on screen: the decoder's share plus the server's answer and the render; split, where
 *    the page measures its decode ("qt-door-decode"), into the wait for the decode, the decode,
 *    and the scan's answer (device judge, POST /api/checkin, render).
 *
 * One warm-up run is not counted. Each run scans a different invitation, so every verdict is a fresh "Mời vào" written by the server.
 * BENCH_RUNS sets the number of runs (default 12), BENCH_PORT the port.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { asc, eq, isNull } from "drizzle-orm";
import { firstRow, closeDatabase, writerForSetup, migrateDatabase, openDatabase } from "@/db/client";
import { seedDemo } from "@/db/seed";
import * as t from "@/db/schema";
import { writeQrVideo } from "../../e2e/camera-feed";
import { signIn, startApp } from "./http-helpers";
import { toolEnv } from "@/lib/env";

const PORT = toolEnv().BENCH_PORT ?? 3404;
const BASE = `http://127.0.0.1:${PORT}`;
const RUNS = toolEnv().BENCH_RUNS;
/** How long the page is left open before the camera is started (a person reading the screen). */
const SETTLE_MS = 1500;
const CHROMIUM = toolEnv().CHROMIUM_PATH;

async function prepare(file: string) {
  const db = openDatabase(file);
  await migrateDatabase(db);
  await seedDemo(db);
  // The practice conference, open now whatever the hour (as the e2e global setup does).
  const practice = (await firstRow(db.select().from(t.conferences).where(isNull(t.conferences.requirementId))))!;
  await writerForSetup(db)
    .update(t.conferences)
    .set({ startsAt: new Date(Date.now() - 30 * 60_000), endsAt: new Date(Date.now() + 6 * 3600_000), status: "in_progress" })
    .where(eq(t.conferences.id, practice.id));
  const site = (await firstRow(db.select().from(t.sites).where(eq(t.sites.conferenceId, practice.id))))!;
  const tokens = (
    await db.select({ token: t.invitations.token }).from(t.invitations).where(eq(t.invitations.conferenceId, practice.id)).orderBy(asc(t.invitations.id))
  ).map((r) => r.token!);
  await closeDatabase(db);
  return { siteId: site.id, tokens };
}

/**
 * Installed before the page's own scripts: timestamps of the click, the first video frame and the
 * verdict. A string, not a function: tsx would wrap a function's inner functions in a helper the
 * page does not have.
 */
const PROBE = `(() => {
  const marks = (window.__camera = {});
  const mark = (name) => { if (marks[name] === undefined) marks[name] = performance.now(); };
  document.addEventListener("click", (e) => {
    const button = e.target && e.target.closest ? e.target.closest("button") : null;
    if (button && button.textContent.includes("Bật camera")) mark("click");
  }, true);
  // Media events do not bubble, but a capturing listener on the document sees them.
  document.addEventListener("loadedmetadata", (e) => {
    const video = e.target;
    if (typeof video.requestVideoFrameCallback === "function") video.requestVideoFrameCallback(() => mark("frame"));
  }, true);
  document.addEventListener("loadeddata", () => mark("frame"), true);
  new MutationObserver(() => {
    const verdict = document.querySelector("[data-testid=verdict]");
    const value = verdict && verdict.getAttribute("data-verdict");
    if (value && value !== "idle" && marks.click !== undefined) mark("verdict");
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-verdict"], childList: true });
})();`;

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((values.length * p) / 100) - 1)];

async function run(cookie: string, siteId: number, token: string, feed: string) {
  writeQrVideo(feed, token);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-gpu",
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      `--use-file-for-fake-video-capture=${feed}`,
    ],
  });
  try {
    const context = await browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh", permissions: ["camera"] });
    const [name, value] = cookie.split("=");
    await context.addCookies([{ name, value, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
    await context.addInitScript({ content: PROBE });
    const page = await context.newPage();
    await page.goto(`${BASE}/checkin/${siteId}`);
    await page.waitForFunction(() => document.querySelector("[data-testid=present-count]")?.textContent !== "…", undefined, { timeout: 60_000 });
    await page.waitForTimeout(SETTLE_MS);
    await page.getByRole("button", { name: "Bật camera" }).click();
    await page
      .waitForFunction(() => (window as unknown as { __camera: Record<string, number> }).__camera.verdict !== undefined, undefined, { timeout: 30_000 })
      .catch(async (error) => {
        console.error(
          await page.evaluate(() => JSON.stringify((window as unknown as { __camera: unknown }).__camera)),
          await page.getByTestId("verdict").textContent(),
        );
        await page.screenshot({ path: path.join(os.tmpdir(), "bench-camera-timeout.png") });
        throw error;
      });
    const marks = await page.evaluate(() => (window as unknown as { __camera: Record<string, number> }).__camera);
    // The page's own measure of the decode that found the code (absent before the changes of docs/decisions/0025).
    const decode = await page.evaluate(() => {
      const [m] = performance.getEntriesByName("qt-door-decode");
      const post = performance
        .getEntriesByType("resource")
        .find((e) => (e as PerformanceResourceTiming).initiatorType === "fetch" && e.name.endsWith("/api/checkin")) as PerformanceResourceTiming | undefined;
      return m ? { start: m.startTime, end: m.startTime + m.duration, postStart: post?.startTime ?? NaN, postEnd: post?.responseEnd ?? NaN } : null;
    });
    const verdict = await page.getByTestId("verdict").getAttribute("data-verdict");
    return {
      fromClick: marks.verdict - marks.click,
      fromFrame: marks.verdict - marks.frame,
      verdict,
      split: decode
        ? {
            wait: decode.start - marks.frame,
            decode: decode.end - decode.start,
            answer: marks.verdict - decode.end,
            post: decode.postEnd - decode.postStart,
            render: marks.verdict - decode.postEnd,
          }
        : null,
    };
  } finally {
    await browser.close();
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-bench-camera-"));
  const file = path.join(dir, "bench.db");
  const feed = path.join(dir, "camera.y4m");
  const { siteId, tokens } = await prepare(file);
  const app = await startApp(file, PORT);
  try {
    const cookie = await signIn(BASE, "diemdanh", "demo1234");
    const fromClick: number[] = [];
    const fromFrame: number[] = [];
    const splits: { wait: number; decode: number; answer: number; post: number; render: number }[] = [];
    console.log(`\nCamera → verdict, fake camera (Y4M of an invitation's QR), ${RUNS} runs, a fresh browser each`);
    // One run first, not counted: the server's first requests of a page (compilation, caches) are not the door's.
    await run(cookie, siteId, tokens[RUNS], feed);
    for (let i = 0; i < RUNS; i++) {
      const r = await run(cookie, siteId, tokens[i], feed);
      fromClick.push(r.fromClick);
      fromFrame.push(r.fromFrame);
      const split = r.split
        ? ` (frame → decode starts ${r.split.wait.toFixed(0)}, decode ${r.split.decode.toFixed(0)}, decoded → verdict on screen ${r.split.answer.toFixed(0)}: POST ${r.split.post.toFixed(0)}, answer → screen ${r.split.render.toFixed(0)})`
        : "";
      if (r.split) splits.push(r.split);
      console.log(
        `  run ${String(i + 1).padStart(2)}: ${r.verdict}, "Bật camera" → verdict ${r.fromClick.toFixed(0)} ms, first frame → verdict ${r.fromFrame.toFixed(0)} ms${split}`,
      );
    }
    const line = (label: string, values: number[]) =>
      `  ${label}: p50 ${percentile(values, 50).toFixed(0)} ms, p95 ${percentile(values, 95).toFixed(0)} ms, min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)}`;
    console.log(line('"Bật camera" → verdict     ', fromClick));
    console.log(line("first frame (QR) → verdict", fromFrame));
    if (splits.length > 0) {
      console.log(
        line(
          "  of which frame → decode starts",
          splits.map((s) => s.wait),
        ),
      );
      console.log(
        line(
          "  of which the decode         ",
          splits.map((s) => s.decode),
        ),
      );
      console.log(
        line(
          "  of which decoded → on screen",
          splits.map((s) => s.answer),
        ),
      );
      console.log(
        line(
          "    POST /api/checkin          ",
          splits.map((s) => s.post),
        ),
      );
      console.log(
        line(
          "    its answer → on screen     ",
          splits.map((s) => s.render),
        ),
      );
    }
  } finally {
    app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

void main();
