/**
 * `npm run bench:reports`: attendance reports at national scale (docs/decisions/0010), in one run.
 *
 *  1. a fresh database: 700 district-level units, each with 4 organising bodies and
 *     4 held conferences of ~357 invitees (1,000,000 invitations: 94% present, 4% of
 *     them late, 1.5% through a substitute, 4% excused, half of those made up; 90% of
 *     those present handed in a reflection essay, drawn from a random stream of their own),
 *     one conference of 5,000 invitees and one of 100,000 (a national conference);
 *  2. in-process, median of 5: the campaign roll-up (admin), a unit report (a district
 *     viewer), the conference report of 5,000 invitees (figures and the invitee list);
 *  3. through the production server: the same three pages, and the XLSX export of
 *     the 100,000-invitee conference, with the server's memory sampled during the
 *     download; in-process, the heap while streaming those 100,000 rows against the
 *     heap of the same rows held as a list.
 * Targets: roll-up and unit report < 1 s; conference report of 5,000 < 200 ms; the
 * 100,000-row XLSX streams without holding it all in memory.
 *  4. the same database copied into a throw-away PostgreSQL (npm run db:export-to-postgres's own code,
 *     then ANALYZE), and step 2 and the streamed export again there, in a child process that runs on
 *     PostgreSQL (issue 17: the campaign roll-up < 1 s there too).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { eq, inArray, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { returnedRow, firstRow, closeDatabase, writerForSetup, migrateDatabase, openDatabase, openReadOnlyDatabase, type Db, type Tx } from "@/db/client";
import * as t from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { conferenceInviteeLines, conferenceInvitees } from "@/lib/reports/invitee-lines";
import { reportConferences } from "@/lib/reports/report-conferences";
import { conferenceExport } from "@/lib/reports/export/report-exports";
import { xlsxStream } from "@/lib/reports/export/xlsx-stream";
import { getCampaignReport, getConferenceReport, getUnitReport } from "@/lib/reports/report-views";
import { countAttendance, tallyDifferences } from "@/lib/reports/attendance-tallies";
import type { Translator } from "@/lib/i18n/translator";
import { MESSAGES } from "@/lib/i18n/messages";
import { signIn, startApp } from "./http-helpers";
import { childProcessEnv, env, toolEnv } from "@/lib/env";
import { runStatement } from "@/db/dialect";
import { exportToPostgres } from "@/db/export-to-postgres";
import { startPostgres } from "@/lib/testing/postgres-server";
import { spawn } from "node:child_process";

const UNITS = 700;
const PER_CONFERENCE = 357;
const KINDS = ["standing_committee", "propaganda", "labour_federation", "education_office"] as const;
/** BENCH_PORT: another port, when a second checkout runs this bench at the same time. */
const PORT = toolEnv().BENCH_PORT ?? 3404;
const BASE = `http://127.0.0.1:${PORT}`;
const HELD_AT = new Date("2021-03-10T00:30:00Z");

async function generate(file: string) {
  const db = openDatabase(file);
  await migrateDatabase(db);
  const c = writerForSetup(db).$client;
  const started = Date.now();
  let rnd = 20210301;
  const random = () => (rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  // Essays draw from their own stream, so that every other figure is the one measured before essays existed.
  let essayRnd = 14;
  const essayRandom = () => (essayRnd = (essayRnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  c.transaction(() => {
    const province = c
      .prepare("insert into units (code, name, kind, place_name, sort_order) values ('51', 'Tỉnh Thử', 'tinh', 'Thử', 0) returning id")
      .get() as { id: number };
    const campaign = c
      .prepare(
        "insert into campaigns (title, resolution, start_date, deadline) values ('Đợt học tập thử toàn quốc', 'Nghị quyết thử', '2021-01-01', '2021-03-31') returning id",
      )
      .get() as { id: number };
    const requirement = new Map<string, number>();
    KINDS.forEach((kind, i) =>
      requirement.set(
        kind,
        (
          c
            .prepare("insert into campaign_requirements (campaign_id, unit_kind, body_kind, title, sort_order) values (?, 'huyen', ?, ?, ?) returning id")
            .get(campaign.id, kind, `Hội nghị do ${kind} tổ chức`, i + 1) as { id: number }
        ).id,
      ),
    );
    const unit = c.prepare("insert into units (code, name, kind, place_name, parent_id, sort_order) values (?, ?, 'huyen', ?, ?, ?) returning id");
    const body = c.prepare("insert into bodies (unit_id, kind, name, symbol) values (?, ?, ?, 'X') returning id");
    const conference = c.prepare(
      "insert into conferences (campaign_id, unit_id, body_id, requirement_id, title, starts_at, ends_at, status, grace_minutes) values (?, ?, ?, ?, ?, ?, ?, 'held', 15) returning id",
    );
    const site = c.prepare("insert into sites (conference_id, unit_id, is_main, venue) values (?, ?, 1, ?) returning id");
    const person = c.prepare(
      "insert into people (full_name, search_name, position, workplace, unit_id, is_party_member, category) values (?, ?, ?, ?, ?, ?, ?) returning id",
    );
    const invitation = c.prepare(
      "insert into invitations (conference_id, person_id, body_id, site_id, kind, status, substitute_name) values (?, ?, ?, ?, 'invited', 'issued', ?) returning id",
    );
    const checkIn = c.prepare(
      "insert into check_ins (invitation_id, conference_id, site_id, scanned_at, received_at, method, is_late) values (?, ?, ?, ?, ?, 'camera', ?)",
    );
    const absence = c.prepare("insert into absences (invitation_id, reason, recorded_at, make_up_attended_at) values (?, 'illness', ?, ?)");
    const essay = c.prepare("insert into reflection_essays (invitation_id, conference_id, submitted_on, recorded_at) values (?, ?, '2021-03-20', ?)");
    const categories = ["can_bo_chu_chot", "bao_cao_vien", "can_bo_tuyen_giao", "doan_vien_cong_doan", "giao_vien"];
    const fill = (conferenceId: number, bodyId: number, siteId: number, personIds: number[]) => {
      for (const personId of personIds) {
        const r = random();
        const id = (invitation.get(conferenceId, personId, bodyId, siteId, r < 0.015 ? "Người đi thay" : null) as { id: number }).id;
        if (r < 0.94) {
          checkIn.run(id, conferenceId, siteId, HELD_AT.getTime(), HELD_AT.getTime(), random() < 0.04 ? 1 : 0);
          if (essayRandom() < 0.9) essay.run(id, conferenceId, HELD_AT.getTime());
        } else if (r < 0.98) absence.run(id, HELD_AT.getTime(), random() < 0.5 ? HELD_AT.getTime() + 7 * 86_400_000 : null);
      }
    };
    const makePeople = (unitId: number, n: number) =>
      Array.from({ length: n }, (_, i) => {
        const name = `Nguyễn Văn Thử ${unitId}-${i}`;
        return (
          person.get(name, `nguyen van thu ${unitId}-${i}`, "Bí thư Chi bộ", `Đảng ủy xã ${i % 20}`, unitId, random() < 0.85 ? 1 : 0, categories[i % 5]) as {
            id: number;
          }
        ).id;
      });
    for (let u = 0; u < UNITS; u++) {
      const unitId = (unit.get(`d${u}`, `Huyện Thử ${u}`, `Thử ${u}`, province.id, u + 1) as { id: number }).id;
      const staff = makePeople(unitId, PER_CONFERENCE);
      KINDS.forEach((kind, k) => {
        const bodyId = (body.get(unitId, kind, `${kind} ${u}`) as { id: number }).id;
        const conferenceId = (
          conference.get(
            campaign.id,
            unitId,
            bodyId,
            requirement.get(kind),
            `Hội nghị ${kind} huyện ${u}`,
            HELD_AT.getTime() + k * 86_400_000,
            HELD_AT.getTime() + k * 86_400_000 + 4 * 3_600_000,
          ) as { id: number }
        ).id;
        const siteId = (site.get(conferenceId, unitId, `Hội trường ${u}`) as { id: number }).id;
        fill(conferenceId, bodyId, siteId, staff);
      });
    }
    const provinceBody = (body.get(province.id, "propaganda", "Ban Tuyên giáo thử") as { id: number }).id;
    for (const size of [5000, 100_000]) {
      const conferenceId = (
        conference.get(campaign.id, province.id, provinceBody, null, `Hội nghị ${size} đại biểu`, HELD_AT.getTime(), HELD_AT.getTime() + 4 * 3_600_000) as {
          id: number;
        }
      ).id;
      const siteId = (site.get(conferenceId, province.id, `Hội trường ${size}`) as { id: number }).id;
      fill(conferenceId, provinceBody, siteId, makePeople(province.id, size));
    }
  })();
  c.exec("analyze");
  const counts = c
    .prepare(
      "select (select count(*) from invitations) invitations, (select count(*) from check_ins) check_ins, (select count(*) from reflection_essays) essays, (select count(*) from people) people",
    )
    .get();
  console.log(`Generated in ${((Date.now() - started) / 1000).toFixed(0)} s:`, counts);
  return db;
}

async function users(db: Tx) {
  const passwordHash = await hashPassword("bench-password");
  const province = (await firstRow(db.select().from(t.units).where(eq(t.units.code, "51"))))!;
  const district = (await firstRow(db.select().from(t.units).where(eq(t.units.code, "d350"))))!;
  const admin = await returnedRow(
    db.insert(t.users).values({ username: "bench.admin", passwordHash, fullName: "Bench", role: "admin", unitId: province.id }).returning(),
  );
  const viewer = await returnedRow(
    db.insert(t.users).values({ username: "bench.viewer", passwordHash, fullName: "Bench", role: "viewer", unitId: district.id }).returning(),
  );
  return { admin: (await loadSessionUser(db, admin.id, 1))!, viewer: (await loadSessionUser(db, viewer.id, 1))! };
}

async function existingUsers(db: Db) {
  const load = async (username: string) =>
    (await loadSessionUser(db, (await firstRow(db.select().from(t.users).where(eq(t.users.username, username))))!.id, 1))!;
  return { admin: await load("bench.admin"), viewer: await load("bench.viewer") };
}

async function median(fn: () => unknown, runs = 5) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

const translator = (() => {
  const lookup = (key: string) => key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], MESSAGES.vi);
  const fn = ((key: string, values?: Record<string, string | number>) =>
    String(lookup(key) ?? key).replace(/\{(\w+)\}/g, (_, k) => String(values?.[k] ?? ""))) as Translator;
  fn.has = (key: string) => lookup(key) !== undefined;
  return fn;
})();

/** Heap used while `work` runs, sampled every 20 ms: peak above the start. */
async function peakHeap(work: () => Promise<void>) {
  global.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  await work();
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return (peak - base) / 2 ** 20;
}

/** The production server: the descendant of the start script with the most memory (tsx wraps node). */
function serverProcess(root: number): number {
  const children = (pid: number): number[] => {
    try {
      return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const all: number[] = [];
  const walk = (pid: number) => children(pid).forEach((c) => (all.push(c), walk(c)));
  walk(root);
  return all.sort((a, b) => rss(b) - rss(a))[0] ?? root;
}

function rss(pid: number) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function timedGet(url: string, cookie: string) {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  const body = await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return { ms: performance.now() - started, bytes: body.byteLength };
}

/** Step 2 and the streaming comparison, on `db` (and `reader`, a second connection for the streamed reads). */
async function measureInProcess(db: Db, reader: Db, admin: SessionUser, viewer: SessionUser, now: Date, smallId: number, bigId: number) {
  const small = (await firstRow(db.select().from(t.conferences).where(eq(t.conferences.id, smallId))))!;
  const big = (await firstRow(db.select().from(t.conferences).where(eq(t.conferences.id, bigId))))!;
  console.log("\nIn-process (median of 5)");
  const rollUp = await median(async () => await getCampaignReport(db, admin, {}, now));
  const unit = await median(async () => await getUnitReport(db, viewer, "d350", {}, now));
  const conference = await median(async () => await getConferenceReport(db, admin, small.id, {}, now));
  const [smallConference] = await reportConferences(db, admin, { campaignId: small.campaignId, conferenceId: small.id });
  const fullList = await median(() => conferenceInvitees(db, smallConference, {}, now));
  // The attendance part of the roll-up as it was counted before decision 0039 (every invitation with its check-in, and
  // the absences), in the same run: the roll-up's figures come from the tallies, which must agree with this count.
  const campaignConferences = (await reportConferences(db, admin, { campaignId: small.campaignId }, now)).map((c) => c.id);
  const fromRows = await median(async () => await countAttendance(db, inArray(t.invitations.conferenceId, campaignConferences)), 3);
  const differences = await tallyDifferences(db);
  if (differences.length > 0) throw new Error(`the attendance tallies differ from the rows: ${differences.slice(0, 5).join("; ")}`);
  console.log(`  campaign roll-up, 1,100,000 invitations: ${rollUp.toFixed(0)} ms (target < 1,000)`);
  console.log(`    its attendance counted from the rows instead (before decision 0039): ${fromRows.toFixed(0)} ms; the tallies agree with it`);
  console.log(`  unit report (district viewer):            ${unit.toFixed(0)} ms (target < 1,000)`);
  console.log(`  conference report, 5,000 invitees:        ${conference.toFixed(0)} ms (target < 200; figures and the first page of 300)`);
  console.log(`  the whole list of 5,000 invitees:         ${fullList.toFixed(0)} ms`);

  const [bigConference] = await reportConferences(reader, admin, { campaignId: big.campaignId, conferenceId: big.id });
  const held = await peakHeap(async () => {
    const lines = await conferenceInvitees(reader, bigConference, {}, now);
    if (lines.length !== 100_000) throw new Error(`expected 100,000 lines, got ${lines.length}`);
  });
  let xlsxBytes = 0;
  const streamed = await peakHeap(async () => {
    const plan = (await conferenceExport(reader, admin, big.id, undefined, translator, now))!;
    const body = xlsxStream(plan.tables);
    await body.pipeTo(Writable.toWeb(new Writable({ write: (chunk: Buffer, _e, done) => ((xlsxBytes += chunk.length), done()) })));
  });
  const inMemory = await peakHeap(async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Người được mời");
    for await (const line of conferenceInviteeLines(reader, bigConference, {}, now))
      sheet.addRow([line.name, line.position, line.workplace, line.unitName, line.status, line.checkedInAt]);
    await workbook.xlsx.writeBuffer();
  });
  await closeDatabase(reader);
  console.log(`  the same rows in an in-memory workbook (exceljs Workbook + writeBuffer): heap peak +${inMemory.toFixed(0)} MB`);
  console.log(
    `  100,000 invitee lines held as a list: heap +${held.toFixed(0)} MB; streamed to XLSX (${(xlsxBytes / 2 ** 20).toFixed(1)} MB file): heap peak +${streamed.toFixed(0)} MB`,
  );
}

async function main() {
  // BENCH_REPORTS_DB=path keeps the generated database there and reuses it on the next run (for profiling).
  const kept = toolEnv().BENCH_REPORTS_DB;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-bench-reports-"));
  const file = kept ? path.resolve(kept) : path.join(dir, "bench.db");
  const reuse = Boolean(kept && fs.existsSync(file));
  const db = reuse ? openDatabase(file) : await generate(file);
  const { admin, viewer } = reuse ? await existingUsers(db) : await users(writerForSetup(db));
  const now = new Date();
  const small = (await firstRow(db.select().from(t.conferences).where(eq(t.conferences.title, "Hội nghị 5000 đại biểu"))))!;
  const big = (await firstRow(db.select().from(t.conferences).where(eq(t.conferences.title, "Hội nghị 100000 đại biểu"))))!;

  const only = toolEnv().BENCH_ENGINE;
  if (only !== "postgres") await measureOnSqlite(db, file, admin, viewer, now, small, big);
  await closeDatabase(db);
  if (only !== "sqlite") await measureOnPostgres(file, small.id, big.id);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

type Conference = typeof t.conferences.$inferSelect;

/** Steps 1–3 on the SQLite file: in the process, then through the production server. */
async function measureOnSqlite(db: Db, file: string, admin: SessionUser, viewer: SessionUser, now: Date, small: Conference, big: Conference) {
  await measureInProcess(db, openReadOnlyDatabase(file), admin, viewer, now, small.id, big.id);
  const app = await startApp(file, PORT, { DEMO: "0" });
  try {
    const adminCookie = await signIn(BASE, "bench.admin", "bench-password");
    const viewerCookie = await signIn(BASE, "bench.viewer", "bench-password");
    console.log("\nThrough the production server (second of two requests)");
    for (const [label, url, cookie] of [
      ["campaign page /reports", `${BASE}/reports`, adminCookie],
      ["unit page /reports/units/d350", `${BASE}/reports/units/d350`, viewerCookie],
      ["conference page, 5,000 invitees", `${BASE}/conferences/${small.id}/report`, adminCookie],
      ["campaign CSV", `${BASE}/api/campaigns/${big.campaignId}/report.csv`, adminCookie],
    ] as const) {
      await timedGet(url, cookie);
      const r = await timedGet(url, cookie);
      console.log(`  ${label.padEnd(34)} ${r.ms.toFixed(0).padStart(6)} ms  ${(r.bytes / 1024).toFixed(0)} KB`);
    }
    const server = serverProcess(app.child.pid!);
    const before = rss(server);
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, rss(server))), 20);
    const r = await timedGet(`${BASE}/api/conferences/${big.id}/report.xlsx`, adminCookie);
    clearInterval(timer);
    console.log(
      `  XLSX export, 100,000 invitees: ${(r.ms / 1000).toFixed(1)} s, ${(r.bytes / 2 ** 20).toFixed(1)} MB; server RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB (+${(peak - before).toFixed(0)} MB)`,
    );
  } finally {
    app.stop();
  }
}

/** 4. The same data on PostgreSQL: copied by the export's code, measured in a child process that runs on PostgreSQL. */
async function measureOnPostgres(file: string, smallId: number, bigId: number) {
  const server = await startPostgres();
  try {
    const copyStarted = Date.now();
    const copied = await exportToPostgres(file, server.url, { batchSize: 5000 });
    if (copied.status !== "done") throw new Error(`export to PostgreSQL: ${JSON.stringify(copied)}`);
    console.log(`\nCopied into PostgreSQL in ${((Date.now() - copyStarted) / 1000).toFixed(0)} s (npm run db:export-to-postgres's code).`);
    const child = spawn(path.join("node_modules", ".bin", "tsx"), ["--expose-gc", "scripts/bench/reports.ts", "--postgres", String(smallId), String(bigId)], {
      env: childProcessEnv({ DATABASE_URL: server.url }),
      stdio: "inherit",
    });
    await new Promise((resolve) => child.on("exit", resolve));
  } finally {
    server.stop();
  }
}

/** Step 4's measures, in the child process that runs on PostgreSQL. */
async function mainOnPostgres(smallId: number, bigId: number) {
  const db = openDatabase(env().DATABASE_URL!);
  await runStatement(writerForSetup(db), sql`analyze`);
  const { admin, viewer } = await existingUsers(db);
  const reader = openDatabase(env().DATABASE_URL!);
  console.log("PostgreSQL:");
  await measureInProcess(db, reader, admin, viewer, new Date(), smallId, bigId);
  await closeDatabase(db);
  process.exit(0);
}

const onPostgres = process.argv.indexOf("--postgres");
void (onPostgres >= 0 ? mainOnPostgres(Number(process.argv[onPostgres + 1]), Number(process.argv[onPostgres + 2])) : main());
