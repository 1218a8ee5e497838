import { mapInOrder } from "@/lib/async/in-order";
import { returnedRow, firstRow, writerForSetup } from "@/db/client";
/**
 * Reflection essays in the reports, on a real database: the per-conference count from the
 * essays' own index agrees with the row-by-row count that bridge-point and category filters
 * use; walk-ins are apart; an essay of a revoked invitation is not counted; the unit and
 * campaign roll-ups and the exports carry the same figures.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { recordEssays } from "@/lib/essays/record-essays";
import { revokeInvitation } from "@/lib/invitations/manage-invitations";
import type { Translator } from "@/lib/i18n/translator";
import { MESSAGES } from "@/lib/i18n/messages";
import { createDemoDb } from "@/lib/testing/test-db";
import { conferenceFigures } from "./conference-figures";
import { essayRate } from "./attendance-rules";
import { campaignExport, conferenceExport, unitExport } from "./export/report-exports";
import { getCampaignReport, getUnitReport } from "./report-views";

const NOW = new Date("2026-11-28T03:00:00Z");
const START = new Date("2021-03-20T00:30:00Z");
let handle: Awaited<ReturnType<typeof createDemoDb>>;
let conferenceId: number;
let campaignId: number;
let sites: number[];
let inv: number[];
let admin: SessionUser;

const translator = (() => {
  const lookup = (key: string) => key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], MESSAGES.vi);
  const fn = ((key: string, values?: Record<string, string | number>) =>
    String(lookup(key) ?? key).replace(/\{(\w+)\}/g, (_, k) => String(values?.[k] ?? ""))) as Translator;
  fn.has = (key: string) => lookup(key) !== undefined;
  return fn;
})();

beforeAll(async () => {
  handle = await createDemoDb(NOW);
  const db = handle.db;
  const unit = (await firstRow(db.select().from(t.units).where(eq(t.units.code, "529"))))!; // Sơn Hà
  const body = (await firstRow(
    db
      .select()
      .from(t.bodies)
      .where(and(eq(t.bodies.unitId, unit.id), eq(t.bodies.kind, "propaganda"))),
  ))!;
  campaignId = (await firstRow(db.select().from(t.campaigns)))!.id;
  conferenceId = (
    await returnedRow(
      writerForSetup(db)
        .insert(t.conferences)
        .values({
          campaignId,
          unitId: unit.id,
          bodyId: body.id,
          title: "Hội nghị đếm bài thu hoạch",
          startsAt: START,
          endsAt: new Date(START.getTime() + 4 * 3_600_000),
          status: "held",
          graceMinutes: 15,
        })
        .returning(),
    )
  ).id;
  sites = await mapInOrder(
    [true, false],
    async (isMain, i) =>
      (
        await returnedRow(
          writerForSetup(db)
            .insert(t.sites)
            .values({ conferenceId, unitId: unit.id, isMain, venue: `Điểm cầu đếm ${i}` })
            .returning(),
        )
      ).id,
  );
  const people = await db.select({ id: t.people.id }).from(t.people).where(eq(t.people.unitId, unit.id)).orderBy(t.people.id).limit(10);
  // 0–5 present (2 at the bridge point; 3 a substitute; 4 and 5 teachers), 6 absent, 7 present then revoked, 8 a walk-in, 9 a walk-in without an essay.
  inv = await mapInOrder(
    people,
    async (p, i) =>
      (
        await returnedRow(
          writerForSetup(db)
            .insert(t.invitations)
            .values({
              conferenceId,
              personId: p.id,
              bodyId: body.id,
              siteId: sites[i === 2 ? 1 : 0],
              kind: i >= 8 ? "walk_in" : "invited",
              status: "issued",
              substituteName: i === 3 ? "Người đi thay" : null,
            })
            .returning(),
        )
      ).id,
  );
  // Categories are copied from people by triggers; set them on the invitations' people.
  for (const i of [4, 5]) await writerForSetup(db).update(t.people).set({ category: "giao_vien" }).where(eq(t.people.id, people[i].id));
  for (const i of [0, 1, 2, 3, 4, 5, 7, 8, 9])
    await writerForSetup(db)
      .insert(t.checkIns)
      .values({
        invitationId: inv[i],
        conferenceId,
        siteId: sites[i === 2 ? 1 : 0],
        scannedAt: START,
        receivedAt: START,
        method: i >= 8 ? "walk_in" : "camera",
      });
  admin = (await loadSessionUser(db, (await firstRow(db.select().from(t.users).where(eq(t.users.username, "admin"))))!.id, 1))!;
  const recorded = await recordEssays(
    db,
    admin,
    { conferenceId, entries: [0, 2, 3, 4, 7, 8].map((i) => ({ invitationId: inv[i], submittedOn: "2021-03-25" })) },
    NOW,
  );
  expect(recorded).toMatchObject({ ok: true, changed: 6 });
  // Revoked after the essay was recorded: no longer invited, so neither present nor an essay.
  expect(await revokeInvitation(db, admin, conferenceId, inv[7], "Mời nhầm người")).toMatchObject({ ok: true });
});
afterAll(() => handle.cleanup());

describe("essays in the reports", () => {
  it("counts those present who handed in, walk-ins apart, and not a revoked invitation", async () => {
    const [f] = await conferenceFigures(handle.db, admin, { campaignId, conferenceId }, NOW);
    expect(f.total.present).toBe(6);
    expect(f.essays).toEqual({ submitted: 4, walkIns: 1 });
    expect(essayRate(f.essays, f.total)).toBeCloseTo(4 / 6);
  });

  it("gives the same count row by row (a bridge point, a category) as from the essays' index", async () => {
    const bySite = await mapInOrder(sites, async (siteId) => (await conferenceFigures(handle.db, admin, { campaignId, conferenceId, siteId }, NOW))[0].essays);
    expect(bySite).toEqual([
      { submitted: 3, walkIns: 1 },
      { submitted: 1, walkIns: 0 },
    ]);
    const teachers = (await conferenceFigures(handle.db, admin, { campaignId, conferenceId, category: "giao_vien" }, NOW))[0];
    expect(teachers.total.present).toBe(2);
    expect(teachers.essays).toEqual({ submitted: 1, walkIns: 0 });
    // Every category's essays add up to the conference's.
    const [whole] = await conferenceFigures(handle.db, admin, { campaignId, conferenceId }, NOW);
    const categories = Object.keys(whole.categories);
    const sum = (
      await mapInOrder(
        categories,
        async (category) => (await conferenceFigures(handle.db, admin, { campaignId, conferenceId, category }, NOW))[0].essays.submitted,
      )
    ).reduce((a, b) => a + b, 0);
    expect(sum).toBe(whole.essays.submitted);
  });

  it("rolls up into the unit's and the campaign's figures, the demo's essays included", async () => {
    const unit = (await getUnitReport(handle.db, admin, "529", { campaignId }, NOW))!;
    expect(unit.essays.submitted).toBe(unit.figures.reduce((n, f) => n + f.essays.submitted, 0));
    const own = unit.figures.find((f) => f.conference.id === conferenceId)!;
    expect(own.essays.submitted).toBe(4);
    // The demo's held conferences have essays for most of those present.
    const demo = unit.figures.filter((f) => f.conference.id !== conferenceId && f.total.present > 0);
    for (const f of demo) expect(essayRate(f.essays, f.total)).toBeGreaterThan(0.8);
    const campaign = (await getCampaignReport(handle.db, admin, { campaignId }, NOW))!;
    const row = campaign.rows.find((r) => r.unit.code === "529")!;
    expect(row.essays).toEqual(unit.essays);
    expect(campaign.essays.submitted).toBe(campaign.rows.reduce((n, r) => n + r.essays.submitted, 0));
    expect(campaign.essays.submitted).toBeLessThanOrEqual(campaign.split.total.present);
  });

  it("puts the essays in the exports: counts as numbers, the rate as a fraction, each invitee's day", async () => {
    const plan = (await conferenceExport(handle.db, admin, conferenceId, undefined, translator, NOW))!;
    const summary = plan.tables[0].rows as [string, number | null, string][];
    const byLabel = new Map(summary.map((r) => [r[0], r[1]]));
    expect(byLabel.get("Nộp bài thu hoạch")).toBe(4);
    expect(byLabel.get("Khách không có giấy mời đã nộp bài")).toBe(1);
    expect(byLabel.get("Tỷ lệ nộp bài thu hoạch (trên số có mặt)")).toBeCloseTo(4 / 6);
    expect(summary.at(-1)![2]).toBe("percent");
    const invitees = plan.tables[2];
    const column = invitees.columns.find((c) => c.header === "Nộp bài thu hoạch ngày")!;
    expect(column.type).toBe("date");
    const rows: unknown[] = [];
    for await (const row of invitees.rows as AsyncIterable<unknown>) rows.push(row);
    const values = rows.map((r) => column.value(r));
    expect(values.filter(Boolean).sort()).toEqual(["2021-03-25", "2021-03-25", "2021-03-25", "2021-03-25"]);

    const unit = (await unitExport(handle.db, admin, "529", { campaignId }, translator, NOW))!;
    const conferenceRow = (unit.csv.rows as { conference: { id: number } }[]).find((r) => r.conference.id === conferenceId)!;
    const cell = (header: string) => unit.csv.columns.find((c) => c.header === header)!;
    expect(cell("Nộp bài thu hoạch").value(conferenceRow)).toBe(4);
    expect(cell("Tỷ lệ nộp bài thu hoạch (trên số có mặt)").type).toBe("percent");
    expect(cell("Tỷ lệ nộp bài thu hoạch (trên số có mặt)").value(conferenceRow)).toBeCloseTo(4 / 6);

    const campaign = (await campaignExport(handle.db, admin, { campaignId }, translator, NOW))!;
    const unitRow = (campaign.csv.rows as { unit: { code: string } }[]).find((r) => r.unit.code === "529")!;
    expect(campaign.csv.columns.find((c) => c.header === "Nộp bài thu hoạch")!.value(unitRow)).toBe(
      (await getUnitReport(handle.db, admin, "529", { campaignId }, NOW))!.essays.submitted,
    );
  });
});
