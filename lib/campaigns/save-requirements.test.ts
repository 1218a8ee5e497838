import { returnedRow, firstRow, writerForSetup } from "@/db/client";
import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, campaignRequirements, conferences, units, users } from "@/db/schema";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { requirementSchema, type Requirement } from "@/lib/schemas/campaigns";
import { createDemoDb } from "@/lib/testing/test-db";
import { getBoard } from "@/lib/board/get-board";
import { getCurrentCampaign } from "./current-campaign";
import { copyCampaign } from "./manage-campaigns";
import { previewRequirementChanges, saveRequirements } from "./save-requirements";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
let admin: SessionUser;
beforeAll(async () => {
  handle = await createDemoDb();
  const row = (await firstRow(handle.db.select().from(users).where(eq(users.username, "admin"))))!;
  admin = (await loadSessionUser(handle.db, row.id, row.sessionVersion))!;
});
afterAll(() => handle.cleanup());

const NOW = new Date("2021-03-10T03:00:00Z");
const stored = async (campaignId: number): Promise<Requirement[]> =>
  (await handle.db.select().from(campaignRequirements).where(eq(campaignRequirements.campaignId, campaignId))).map((r) => requirementSchema.parse({ ...r }));
const huyenCount = async () =>
  (
    await handle.db
      .select()
      .from(units)
      .where(and(eq(units.kind, "huyen"), isNull(units.retiredAt)))
  ).length;

describe("requirements of a running campaign", () => {
  it("an added requirement appears on the board for every unit of its kind", async () => {
    const campaign = (await getCurrentCampaign(handle.db, null))!;
    const before = (await getBoard(handle.db, admin, campaign.id, NOW))!;
    const added = requirementSchema.parse({
      unitKind: "huyen",
      bodyKind: "propaganda",
      title: "Hội nghị chuyên đề dân vận",
      dueDate: "25/03/2021",
      duration: "1 buổi",
      sortOrder: 9,
    });
    const list = [...(await stored(campaign.id)), added];

    const preview = (await previewRequirementChanges(handle.db, campaign.id, list))!;
    expect(preview.problems).toEqual([]);
    expect(preview.rows.filter((r) => r.change !== "unchanged")).toEqual([
      expect.objectContaining({ change: "added", title: added.title, units: await huyenCount(), fulfilled: 0 }),
    ]);
    expect(preview.requiredAfter - preview.requiredBefore).toBe(await huyenCount());

    const result = await saveRequirements(handle.db, admin, campaign.id, list);
    expect(result.ok).toBe(true);
    const after = (await getBoard(handle.db, admin, campaign.id, NOW))!;
    const newId = after.requirements.find((r) => r.title === added.title)!.id;
    const huyenRows = after.rows.filter((r) => r.unit.kind === "huyen");
    expect(huyenRows).toHaveLength(await huyenCount());
    for (const row of huyenRows) expect(row.cells.find((c) => c.requirementId === newId)).toMatchObject({ status: "missing", conferenceId: null });
    expect(after.totals.required).toBe(before.totals.required + (await huyenCount()));
    expect(after.requirements.find((r) => r.id === newId)).toMatchObject({ dueDate: "2021-03-25", duration: "1 buổi" });
    expect(await handle.db.select().from(auditLog).where(eq(auditLog.action, "save_requirements"))).toHaveLength(1);
  });

  it("refuses to remove a requirement that conferences fulfil, naming them, and changes nothing", async () => {
    const campaign = (await getCurrentCampaign(handle.db, null))!;
    const list = await stored(campaign.id);
    const fulfilled = (await firstRow(
      handle.db
        .select({ requirementId: conferences.requirementId })
        .from(conferences)
        .where(and(eq(conferences.campaignId, campaign.id), ne(conferences.status, "cancelled"))),
    ))!.requirementId!;
    const victim = list.find((r) => r.id === fulfilled)!;
    const result = await saveRequirements(
      handle.db,
      admin,
      campaign.id,
      list.filter((r) => r.id !== fulfilled),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("requirementsRefused");
    expect(result.problems).toEqual([
      expect.objectContaining({ code: "requirementFulfilled", title: victim.title, conferences: expect.arrayContaining([expect.stringMatching(/\(.+\)$/)]) }),
    ]);
    expect(await stored(campaign.id)).toHaveLength(list.length);
  });

  it("refuses to move a fulfilled requirement to another kind of organising body", async () => {
    const campaign = (await getCurrentCampaign(handle.db, null))!;
    const list = await stored(campaign.id);
    const fulfilled = (await firstRow(
      handle.db
        .select({ id: conferences.requirementId })
        .from(conferences)
        .where(and(eq(conferences.campaignId, campaign.id), ne(conferences.status, "cancelled"))),
    ))!.id!;
    const changed = list.map((r) => (r.id === fulfilled ? { ...r, bodyKind: r.bodyKind === "other" ? "propaganda" : "other" } : r));
    const preview = (await previewRequirementChanges(handle.db, campaign.id, changed))!;
    expect(preview.problems.map((p) => p.code)).toContain("requirementKindFulfilled");
    expect((await saveRequirements(handle.db, admin, campaign.id, changed)).ok).toBe(false);
  });

  it("removes a requirement no conference fulfils, and renames one that is fulfilled", async () => {
    const campaign = (await getCurrentCampaign(handle.db, null))!;
    const list = await stored(campaign.id);
    const added = list.find((r) => r.title === "Hội nghị chuyên đề dân vận")!;
    const renamedId = (await firstRow(
      handle.db
        .select({ id: conferences.requirementId })
        .from(conferences)
        .where(and(eq(conferences.campaignId, campaign.id), ne(conferences.status, "cancelled"))),
    ))!.id!;
    const next = list.filter((r) => r.id !== added.id).map((r) => (r.id === renamedId ? { ...r, title: `${r.title} (sửa)` } : r));
    const preview = (await previewRequirementChanges(handle.db, campaign.id, next))!;
    expect(preview.problems).toEqual([]);
    expect(preview.rows.find((r) => r.change === "removed")).toMatchObject({ id: added.id, fulfilled: 0 });
    expect(preview.rows.find((r) => r.change === "changed")).toMatchObject({ id: renamedId });
    expect((await saveRequirements(handle.db, admin, campaign.id, next)).ok).toBe(true);
    const after = await stored(campaign.id);
    expect(after.find((r) => r.id === added.id)).toBeUndefined();
    expect(after.find((r) => r.id === renamedId)!.title).toMatch(/\(sửa\)$/);
    // The conferences that fulfil it still count for it.
    expect((await handle.db.select().from(conferences).where(eq(conferences.requirementId, renamedId))).length).toBeGreaterThan(0);
  });

  it("checks kinds, duplicates and due dates", async () => {
    const campaign = (await getCurrentCampaign(handle.db, null))!;
    const base = await stored(campaign.id);
    const bad = [
      ...base,
      requirementSchema.parse({ unitKind: "khong_co", bodyKind: "propaganda", title: "Loại đơn vị lạ" }),
      requirementSchema.parse({ unitKind: "huyen", bodyKind: "khong_co", title: "Loại cơ quan lạ" }),
      requirementSchema.parse({ unitKind: "huyen", bodyKind: "propaganda", title: "Sau thời hạn", dueDate: "31/12/2099" }),
      { ...base[0], id: null },
      { ...base[1], title: `${base[1].title} (lần hai)` },
    ];
    const codes = (await previewRequirementChanges(handle.db, campaign.id, bad))!.problems.map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(["unknownUnitKind", "unknownBodyKind", "dueAfterDeadline", "duplicateRequirement", "unknownRequirement"]));
    expect((await saveRequirements(handle.db, admin, campaign.id, bad)).ok).toBe(false);
  });

  it("does not count a retired unit as owing conferences, but keeps one that held conferences of the campaign (history)", async () => {
    const campaign = (await getCurrentCampaign(handle.db, null))!;
    const province = (await firstRow(handle.db.select().from(units).where(eq(units.code, "51"))))!;
    const fresh = await returnedRow(
      writerForSetup(handle.db)
        .insert(units)
        .values({ code: "HUYENMOI", name: "Huyện Mới", kind: "huyen", placeName: "Mới", parentId: province.id })
        .returning(),
    );
    const sonTay = (await firstRow(handle.db.select().from(units).where(eq(units.code, "530"))))!;
    try {
      const before = (await getBoard(handle.db, admin, campaign.id, NOW))!;
      const owed = before.rows.find((r) => r.unit.id === fresh.id)!.cells.length;
      expect(owed).toBe(4);
      await writerForSetup(handle.db)
        .update(units)
        .set({ retiredAt: NOW })
        .where(inArray(units.id, [fresh.id, sonTay.id]));
      const after = (await getBoard(handle.db, admin, campaign.id, NOW))!;
      expect(after.rows.find((r) => r.unit.id === fresh.id)).toBeUndefined();
      expect(after.rows.find((r) => r.unit.id === sonTay.id)).toBeDefined();
      expect(after.totals.required).toBe(before.totals.required - owed);
      const preview = (await previewRequirementChanges(handle.db, campaign.id, await stored(campaign.id)))!;
      expect(preview.requiredBefore).toBe(after.totals.required);
    } finally {
      await writerForSetup(handle.db).update(units).set({ retiredAt: null }).where(eq(units.id, sonTay.id));
      await writerForSetup(handle.db).delete(units).where(eq(units.id, fresh.id));
    }
  });

  it("only an admin of the root unit may change requirements", async () => {
    const campaign = (await getCurrentCampaign(handle.db, null))!;
    const district = { ...admin, scopeUnitIds: [admin.unitId + 1] };
    expect(await saveRequirements(handle.db, district, campaign.id, [])).toEqual({ ok: false, code: "forbidden" });
    expect(await copyCampaign(handle.db, district, campaign.id)).toEqual({ ok: false, code: "forbidden" });
    expect((await stored(campaign.id)).length).toBeGreaterThan(0);
  });
});
