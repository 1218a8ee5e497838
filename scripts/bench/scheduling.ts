import { mapInOrder } from "@/lib/async/in-order";
/**
 * `npm run bench`: scheduling at national scale.
 *
 * Builds a fresh database with 700 district-level units, a campaign of 1,000
 * conferences (the calendar) and a campaign requiring 4 conferences of each of
 * the 700 units (the progress board, 2,800 conferences), then measures:
 *  - the query functions alone (listCalendarEvents, getBoard + boardView);
 *  - the real production server: /api/calendar/events, the /calendar page and
 *    the /board page, signed in as an admin.
 * Prints median and worst of several runs and the target. Machines are noisy:
 * read the ratio to the target, not the third digit.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { returnedRow, firstRow, closeDatabase, transaction, migrateDatabase, openDatabase, type Db, type Tx } from "@/db/client";
import * as t from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { loadSessionUser } from "@/lib/auth/session-user";
import { listCalendarEvents } from "@/lib/calendar/list-calendar-events";
import { boardView } from "@/lib/board/board-view";
import { getBoard } from "@/lib/board/get-board";
import { foldForSearch } from "@/lib/text/fold";
import { zonedInstant } from "@/lib/time/zone";
import { signIn, startApp } from "./http-helpers";
import { toolEnv } from "@/lib/env";

const UNITS = 700;
const CALENDAR_CONFERENCES = 1000;
const PORT = toolEnv().BENCH_PORT ?? 3300;
const RUNS = 7;
const KINDS = ["standing_committee", "propaganda", "labour_federation", "education_office"] as const;

async function generate(db: Db) {
  await transaction(db, async (tx) => {
    const root = await returnedRow(tx.insert(t.units).values({ code: "VN", name: "Toàn quốc (thử tải)", kind: "tinh", placeName: "Hà Nội" }).returning());
    const unitRows = Array.from({ length: UNITS }, (_, i) => ({
      code: `U${String(i + 1).padStart(4, "0")}`,
      name: `Huyện thử ${i + 1}`,
      kind: "huyen",
      placeName: `Thử ${i + 1}`,
      parentId: root.id,
      sortOrder: i + 1,
    }));
    const units: (typeof t.units.$inferSelect)[] = [];
    for (let i = 0; i < unitRows.length; i += 200)
      units.push(
        ...(await tx
          .insert(t.units)
          .values(unitRows.slice(i, i + 200))
          .returning()),
      );
    const bodies = await tx
      .insert(t.bodies)
      .values(units.flatMap((u) => KINDS.map((kind) => ({ unitId: u.id, kind, name: `${kind} ${u.name}`, symbol: "HU" }))))
      .returning();
    const bodyOf = (unitId: number, kind: string) => bodies.find((b) => b.unitId === unitId && b.kind === kind)!;
    const rootBody = await returnedRow(
      tx.insert(t.bodies).values({ unitId: root.id, kind: "propaganda", name: "Ban Tuyên giáo (thử)", symbol: "BTG" }).returning(),
    );
    await tx.insert(t.users).values({ username: "bench.admin", passwordHash: BENCH_HASH, fullName: "Bench", role: "admin", unitId: root.id });

    // Campaign 1: 1,000 conferences over a quarter, for the calendar.
    const calendar = await returnedRow(
      tx.insert(t.campaigns).values({ title: "Lịch 1.000 hội nghị", resolution: "x", startDate: "2030-01-01", deadline: "2030-03-31" }).returning(),
    );
    const conferences = Array.from({ length: CALENDAR_CONFERENCES }, (_, i) => {
      const unit = units[i % units.length];
      const day = `2030-${String(1 + (i % 3)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
      return {
        campaignId: calendar.id,
        unitId: unit.id,
        bodyId: bodyOf(unit.id, KINDS[i % 4]).id,
        title: `Hội nghị học tập, quán triệt Nghị quyết số ${i + 1}`,
        startsAt: zonedInstant(day, "07:30"),
        endsAt: zonedInstant(day, "11:30"),
        status: "scheduled" as const,
      };
    });
    await insertConferences(tx, conferences);

    // Campaign 2: 4 required conferences in each of 700 units, for the board.
    const board = await returnedRow(
      tx.insert(t.campaigns).values({ title: "Tiến độ 700 đơn vị", resolution: "x", startDate: "2031-01-01", deadline: "2031-03-31" }).returning(),
    );
    const requirements = await mapInOrder(
      KINDS,
      async (bodyKind, i) =>
        await returnedRow(
          tx
            .insert(t.campaignRequirements)
            .values({ campaignId: board.id, unitKind: "huyen", bodyKind, title: `Yêu cầu ${bodyKind}`, sortOrder: i })
            .returning(),
        ),
    );
    const statuses = ["held", "held", "held", "scheduled", "draft", "cancelled"] as const;
    const required = units.flatMap((unit, u) =>
      requirements
        .filter((_, k) => (u + k) % 11 !== 0) // some cells stay missing
        .map((r, k) => ({
          campaignId: board.id,
          unitId: unit.id,
          bodyId: bodyOf(unit.id, r.bodyKind).id,
          requirementId: r.id,
          title: `Hội nghị ${r.bodyKind} ${unit.name}`,
          startsAt: zonedInstant(`2031-03-${String(1 + ((u + k) % 28)).padStart(2, "0")}`, "07:30"),
          endsAt: zonedInstant(`2031-03-${String(1 + ((u + k) % 28)).padStart(2, "0")}`, "17:00"),
          status: statuses[(u + k) % statuses.length],
          cancelReason: statuses[(u + k) % statuses.length] === "cancelled" ? "Thử tải" : null,
        })),
    );
    await insertConferences(tx, required);
    void rootBody;
  });
}

async function insertConferences(db: Tx, rows: (typeof t.conferences.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 300) {
    const inserted = await db
      .insert(t.conferences)
      .values(rows.slice(i, i + 300))
      .returning({ id: t.conferences.id, unitId: t.conferences.unitId });
    await db
      .insert(t.sites)
      .values(
        inserted.map((c) => ({ conferenceId: c.id, unitId: c.unitId, isMain: true, venue: `Hội trường ${c.id}`, address: foldForSearch(`Địa chỉ ${c.id}`) })),
      );
  }
}

let BENCH_HASH = "";

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], worst: sorted[sorted.length - 1] };
}

async function time(fn: () => unknown | Promise<unknown>): Promise<number[]> {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

/** In Chromium: from navigation until the calendar shows its events / the board its rows. */
async function browserTimings(base: string, cookie: string, calendarId: number, boardId: number) {
  const executablePath = toolEnv().CHROMIUM_PATH;
  if (!fs.existsSync(executablePath)) {
    console.log(`(no Chromium at ${executablePath}: browser timings skipped)`);
    return null;
  }
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const [name, value] = cookie.split("=");
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    const calendar = await time(async () => {
      await page.goto(`${base}/calendar?campaign=${calendarId}&date=2030-01-01&view=dayGridMonth`, { waitUntil: "commit" });
      await page.locator(".calendar a[href^='/conferences/']").first().waitFor();
    });
    const board = await time(async () => {
      await page.goto(`${base}/board?campaign=${boardId}`, { waitUntil: "commit" });
      await page.locator("tfoot").waitFor();
    });
    return [
      { what: "Chromium: /calendar until events show", target: 1000, samples: calendar, note: "month view, 1,000 events loaded" },
      { what: "Chromium: /board until the table shows", target: 1000, samples: board, note: "700 rows" },
    ];
  } finally {
    await browser.close();
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-bench-"));
  const file = path.join(dir, "bench.db");
  BENCH_HASH = await hashPassword("bench-password");
  const db = openDatabase(file);
  await migrateDatabase(db);
  const genStart = performance.now();
  await generate(db);
  console.log(`Generated ${UNITS} units and ${await db.$count(t.conferences)} conferences in ${Math.round(performance.now() - genStart)} ms (${file})`);

  const admin = (await firstRow(db.select().from(t.users).where(eq(t.users.username, "bench.admin"))))!;
  const user = (await loadSessionUser(db, admin.id, admin.sessionVersion))!;
  const [calendar, board] = await db.select().from(t.campaigns).orderBy(t.campaigns.id);

  const rows: { what: string; target: number; samples: number[]; note: string }[] = [];
  rows.push({
    what: "listCalendarEvents (1,000 conferences) + JSON",
    target: 1000,
    samples: await time(async () => JSON.stringify(await listCalendarEvents(db, user, { campaignId: calendar.id }))),
    note: "",
  });
  rows.push({
    what: "getBoard + boardView (700 units × 4)",
    target: 1000,
    samples: await time(async () => boardView((await getBoard(db, user, board.id))!)),
    note: "",
  });

  // The real production server on this database.
  const server = await startApp(file, PORT);
  const base = server.base;
  try {
    const cookie = await signIn(base, "bench.admin", "bench-password");
    const get = (p: string) => async () => {
      const response = await fetch(`${base}${p}`, { headers: { cookie } });
      if (!response.ok) throw new Error(`${p}: ${response.status}`);
      return response.text();
    };
    const eventsBody = await get(`/api/calendar/events?campaign=${calendar.id}`)();
    const pageBody = await get(`/calendar?campaign=${calendar.id}`)();
    const boardBody = await get(`/board?campaign=${board.id}`)();
    rows.push({
      what: "GET /api/calendar/events (1,000)",
      target: 1000,
      samples: await time(get(`/api/calendar/events?campaign=${calendar.id}`)),
      note: `${Math.round(eventsBody.length / 1024)} KB, ${(JSON.parse(eventsBody) as { events: unknown[] }).events.length} events`,
    });
    rows.push({
      what: "GET /calendar page (1,000)",
      target: 1000,
      samples: await time(get(`/calendar?campaign=${calendar.id}`)),
      note: `${Math.round(pageBody.length / 1024)} KB HTML`,
    });
    rows.push({
      what: "GET /board page (700 units)",
      target: 1000,
      samples: await time(get(`/board?campaign=${board.id}`)),
      note: `${Math.round(boardBody.length / 1024)} KB HTML`,
    });
    rows.push({ what: "GET progress.csv (700 units)", target: 1000, samples: await time(get(`/api/campaigns/${board.id}/board.csv`)), note: "" });
    const browser = await browserTimings(base, cookie, calendar.id, board.id);
    if (browser) rows.push(...browser);
  } finally {
    server.stop();
    await closeDatabase(db);
  }

  console.log(`\n${"measure".padEnd(48)} ${"median".padStart(9)} ${"worst".padStart(9)} ${"target".padStart(8)}  ratio  note`);
  let failed = false;
  for (const row of rows) {
    const { median, worst } = stats(row.samples);
    const ratio = median / row.target;
    failed ||= ratio > 1;
    console.log(
      `${row.what.padEnd(48)} ${`${median.toFixed(1)} ms`.padStart(9)} ${`${worst.toFixed(1)} ms`.padStart(9)} ${`${row.target} ms`.padStart(8)}  ${ratio.toFixed(2).padStart(5)}  ${row.note}`,
    );
  }
  console.log(`\n${RUNS} runs each after one warm-up; ratio = median / target (below 1 meets the target).`);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(failed ? 1 : 0);
}

void main();
