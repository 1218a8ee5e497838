import { returnedRow, firstRow, writerForSetup } from "@/db/client";
import { and, eq, inArray } from "drizzle-orm";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFile } from "@/lib/people/import/parse-file";
import { auditLog, bodies, campaigns, conferences, people, sites, unitFeeds, units, users } from "@/db/schema";
import { unitSubtree } from "@/lib/auth/session-user";
import { unitFormSchema } from "@/lib/schemas/units";
import { createDemoDb } from "@/lib/testing/test-db";
import { importUnits, mapUnitHeaders, planUnitImport } from "./import-units";
import { createUnit, restoreUnit, retireUnit, updateUnit } from "./manage-units";
import { mergeUnits, previewUnitMerge } from "./merge-units";
import type { UnitActor } from "./unit-actor";
import { listUnitKinds, saveUnitKind } from "./unit-kinds";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
let root: UnitActor;
beforeAll(async () => {
  handle = await createDemoDb();
  const admin = (await firstRow(handle.db.select().from(users).where(eq(users.username, "admin"))))!;
  root = { id: admin.id, unitId: admin.unitId, scopeUnitIds: "all" };
});
afterAll(() => handle.cleanup());

const unit = async (code: string) => (await firstRow(handle.db.select().from(units).where(eq(units.code, code))))!;
/** An admin of a district: scoped to its subtree. */
const districtAdmin = async (code: string): Promise<UnitActor> => ({
  id: null,
  unitId: (await unit(code)).id,
  scopeUnitIds: await unitSubtree(handle.db, (await unit(code)).id),
});
const form = (values: Record<string, unknown>) => unitFormSchema.parse({ placeName: "", sortOrder: "", ...values });

const HEADERS = ["Mã", "Tên", "Loại", "Mã đơn vị cấp trên", "Địa danh"];

describe("units: create, edit, move, retire", () => {
  it("creates a unit under a parent in scope, deriving its place name, and audits it", async () => {
    const created = await createUnit(handle.db, root, form({ code: "T-X1", name: "Xã Thử Một", kind: "xa", parentId: (await unit("535")).id }));
    expect(created.ok).toBe(true);
    expect(await unit("T-X1")).toMatchObject({ placeName: "Thử Một", kind: "xa", parentId: (await unit("535")).id });
    expect(
      (
        await handle.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.entity, "unit"), eq(auditLog.action, "create")))
      ).length,
    ).toBeGreaterThan(0);
    expect(await createUnit(handle.db, root, form({ code: "T-X1", name: "Xã Khác", kind: "xa", parentId: (await unit("535")).id }))).toEqual({
      ok: false,
      code: "codeTaken",
      field: "code",
    });
    expect(await createUnit(handle.db, root, form({ code: "T-X9", name: "Xã Khác", kind: "khong_co", parentId: (await unit("535")).id }))).toEqual({
      ok: false,
      code: "unknownKind",
      field: "kind",
    });
    expect(await createUnit(handle.db, root, form({ code: "T-X9", name: "Gốc thứ hai", kind: "tinh", parentId: "" }))).toEqual({
      ok: false,
      code: "parentRequired",
      field: "parentId",
    });
  });

  it("reads the sample file the import page offers: four new units, no error", async () => {
    const file = await parseFile("danh-sach-don-vi-mau.csv", fs.readFileSync("public/samples/danh-sach-don-vi-mau.csv"));
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    const plan = await planUnitImport(
      handle.db,
      { id: null, unitId: (await unit("51")).id, scopeUnitIds: "all" },
      { headers: file.headers, rows: file.rows, underUnitId: (await unit("51")).id },
    );
    expect(plan.ok && plan.rows.map((r) => [r.code, r.status, r.errors])).toEqual([
      ["51001", "create", []],
      ["51011", "create", []],
      ["51040", "create", []],
      ["DBCQD", "create", []],
    ]);
  });

  it("leaves the kinds a running campaign requires to the root unit's admin", async () => {
    const baTo = await districtAdmin("535");
    // huyen is required by the demo campaign: a district admin may not add such a unit (it would owe four conferences on the province's board)…
    expect(await createUnit(handle.db, baTo, form({ code: "T-H1", name: "Huyện Con", kind: "huyen", parentId: (await unit("535")).id }))).toEqual({
      ok: false,
      code: "requiredKindRootOnly",
      field: "kind",
    });
    const imported = await planUnitImport(handle.db, baTo, {
      headers: HEADERS,
      rows: [["T-H1", "Huyện Con", "huyen", "535", ""]],
      underUnitId: (await unit("535")).id,
    });
    expect(imported.ok && imported.rows.map((r) => r.errors)).toEqual([["requiredKindRootOnly"]]);
    // …nor turn a commune of theirs into one; a kind no campaign requires is theirs to use.
    const commune = await createUnit(handle.db, baTo, form({ code: "T-X9", name: "Xã Chín", kind: "xa", parentId: (await unit("535")).id }));
    expect(commune).toMatchObject({ ok: true });
    // (the scope is read per request: the new commune is in it from the next one)
    expect(
      await updateUnit(
        handle.db,
        await districtAdmin("535"),
        (await unit("T-X9")).id,
        form({ code: "T-X9", name: "Xã Chín", kind: "huyen", parentId: (await unit("535")).id }),
      ),
    ).toEqual({ ok: false, code: "requiredKindRootOnly", field: "kind" });
    // The province's admin may.
    const root: UnitActor = { id: null, unitId: (await unit("51")).id, scopeUnitIds: "all" };
    expect(
      await updateUnit(handle.db, root, (await unit("T-X9")).id, form({ code: "T-X9", name: "Xã Chín", kind: "huyen", parentId: (await unit("535")).id })),
    ).toMatchObject({
      ok: true,
    });
    expect(await retireUnit(handle.db, root, (await unit("T-X9")).id)).toMatchObject({ ok: true });
  });

  it("keeps a district admin inside their subtree", async () => {
    const baTo = await districtAdmin("535");
    expect(await createUnit(handle.db, baTo, form({ code: "T-X2", name: "Xã Lý Sơn Thử", kind: "xa", parentId: (await unit("536")).id }))).toMatchObject({
      ok: false,
      code: "parentOutOfScope",
    });
    expect(
      await updateUnit(handle.db, baTo, (await unit("536")).id, form({ code: "536", name: "Huyện Lý Sơn", kind: "huyen", parentId: (await unit("51")).id })),
    ).toEqual({
      ok: false,
      code: "notFound",
    });
    // Their own unit may be renamed where it stands, not moved out.
    const own = await unit("535");
    expect(
      await updateUnit(handle.db, baTo, own.id, form({ code: own.code, name: own.name, kind: own.kind, placeName: own.placeName, parentId: own.parentId })),
    ).toMatchObject({ ok: true });
    expect(await updateUnit(handle.db, baTo, own.id, form({ code: own.code, name: own.name, kind: own.kind, parentId: (await unit("536")).id }))).toMatchObject(
      {
        ok: false,
        code: "parentOutOfScope",
      },
    );
    expect(
      await updateUnit(handle.db, baTo, own.id, form({ code: own.code, name: own.name, kind: own.kind, parentId: (await unit("T-X1")).id })),
    ).toMatchObject({
      ok: false,
      code: "cycle",
    });
    expect(
      await updateUnit(handle.db, baTo, (await unit("T-X1")).id, form({ code: "T-X1", name: "Xã Thử Một", kind: "xa", parentId: (await unit("536")).id })),
    ).toMatchObject({
      ok: false,
      code: "parentOutOfScope",
    });
    expect(await retireUnit(handle.db, baTo, own.id)).toEqual({ ok: false, code: "cannotRetireOwn" });
    // Nor reclassified or recoded: the kind decides what campaigns require of it.
    expect(await updateUnit(handle.db, baTo, own.id, form({ code: own.code, name: own.name, kind: "dang_bo_truc_thuoc", parentId: own.parentId }))).toEqual({
      ok: false,
      code: "ownUnitFixed",
      field: "kind",
    });
    expect(await updateUnit(handle.db, baTo, own.id, form({ code: "535X", name: own.name, kind: own.kind, parentId: own.parentId }))).toEqual({
      ok: false,
      code: "ownUnitFixed",
      field: "code",
    });
    expect((await unit("535")).kind).toBe(own.kind);
    const reclassify = await planUnitImport(handle.db, baTo, {
      headers: HEADERS,
      rows: [["535", own.name, "dang_bo_truc_thuoc", "", ""]],
      underUnitId: own.id,
    });
    expect(reclassify.ok && reclassify.rows.map((r) => r.errors)).toEqual([["ownUnitFixed"]]);
  });

  it("moves a unit, refusing cycles and moving the root", async () => {
    const x1 = await unit("T-X1");
    expect(
      await updateUnit(handle.db, root, (await unit("535")).id, form({ code: "535", name: "Huyện Ba Tơ", kind: "huyen", placeName: "Ba Tơ", parentId: x1.id })),
    ).toMatchObject({ ok: false, code: "cycle" });
    expect(
      await updateUnit(handle.db, root, (await unit("51")).id, form({ code: "51", name: "Tỉnh Quảng Ngãi", kind: "tinh", parentId: x1.id })),
    ).toMatchObject({
      ok: false,
      code: "rootCannotMove",
    });
    expect(await updateUnit(handle.db, root, x1.id, form({ code: "T-X1", name: "Xã Thử Một", kind: "xa", parentId: (await unit("536")).id }))).toMatchObject({
      ok: true,
    });
    expect((await unit("T-X1")).parentId).toBe((await unit("536")).id);
    expect(
      await firstRow(
        handle.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.action, "move"), eq(auditLog.entityId, String(x1.id)))),
      ),
    ).toBeTruthy();
  });

  it("retires and restores; a unit with active children or the root cannot be retired", async () => {
    expect(await retireUnit(handle.db, root, (await unit("51")).id)).toEqual({ ok: false, code: "cannotRetireRoot" });
    expect(await retireUnit(handle.db, root, (await unit("536")).id)).toEqual({ ok: false, code: "hasActiveChildren" });
    const x1 = await unit("T-X1");
    expect(await retireUnit(handle.db, root, x1.id)).toEqual({ ok: true, id: x1.id });
    expect((await unit("T-X1")).retiredAt).toBeInstanceOf(Date);
    expect(await createUnit(handle.db, root, form({ code: "T-X3", name: "Xã Con", kind: "xa", parentId: x1.id }))).toMatchObject({
      ok: false,
      code: "parentRetired",
    });
    expect(await restoreUnit(handle.db, root, x1.id)).toEqual({ ok: true, id: x1.id });
    expect((await unit("T-X1")).retiredAt).toBeNull();
  });

  it("unit kinds: only the root admin adds or relabels them", async () => {
    expect(await saveUnitKind(handle.db, await districtAdmin("535"), { key: "khu_pho", label: "Khu phố", sortOrder: 50 })).toEqual({
      ok: false,
      code: "rootAdminOnly",
    });
    expect(await saveUnitKind(handle.db, root, { key: "khu_pho", label: "Khu phố", sortOrder: 50 })).toEqual({ ok: true, created: true });
    expect(await saveUnitKind(handle.db, root, { key: "khu_pho", label: "Khu phố (mới)", sortOrder: 51 })).toEqual({ ok: true, created: false });
    expect(await saveUnitKind(handle.db, root, { key: "khu_pho_2", label: "xã", sortOrder: 51 })).toMatchObject({ ok: false, code: "kindLabelTaken" });
    expect((await listUnitKinds(handle.db)).find((k) => k.key === "khu_pho")).toMatchObject({ label: "Khu phố (mới)", unitCount: 0 });
  });
});

describe("units import", () => {
  const under = async () => (await unit("51")).id;

  it("reads English and Vietnamese headers, in any order, composed or decomposed", () => {
    expect(mapUnitHeaders(["Địa danh", "Mã đơn vị cấp trên", "Loại", "Tên", "Mã"])).toEqual({ placeName: 0, parentCode: 1, kind: 2, name: 3, code: 4 });
    expect(mapUnitHeaders(["CODE", "Name", "kind", "parent_code", "Place name"])).toEqual({ code: 0, name: 1, kind: 2, parentCode: 3, placeName: 4 });
    expect(mapUnitHeaders(["Mã".normalize("NFD"), "Tên đơn vị".normalize("NFD"), "Loại đơn vị"])).toMatchObject({
      code: 0,
      name: 1,
      kind: 2,
      parentCode: -1,
      placeName: -1,
    });
  });

  // Children before their parent; kind by label and by key; Vietnamese headers.
  const rows = [
    ["T-P1", "Phường Thử Nhất", "Phường", "T-DB", ""],
    ["T-P2", "Xã Thử Hai", "xa", "T-DB", "Thử Hai Địa Danh"],
    ["T-DB", "Đảng bộ Thử nghiệm", "dang_bo_truc_thuoc", "", ""],
  ];

  it("plans creates with parents later in the file, and commits them", async () => {
    const plan = await planUnitImport(handle.db, root, { headers: HEADERS, rows, underUnitId: await under() });
    expect(plan.ok && plan.counts).toEqual({ create: 3, update: 0, unchanged: 0, error: 0 });
    const result = await importUnits(handle.db, root, { headers: HEADERS, rows, underUnitId: await under(), filename: "dv.csv" });
    expect(result).toEqual({ ok: true, created: 3, updated: 0, unchanged: 0 });
    expect(await unit("T-P1")).toMatchObject({ parentId: (await unit("T-DB")).id, kind: "phuong", placeName: "Thử Nhất" });
    expect((await unit("T-P2")).placeName).toBe("Thử Hai Địa Danh");
    expect((await unit("T-DB")).parentId).toBe(await under());
    expect(
      await handle.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, "unit"), eq(auditLog.action, "import"))),
    ).toHaveLength(1);
  });

  it("is idempotent: the same file again changes nothing", async () => {
    const plan = await planUnitImport(handle.db, root, { headers: HEADERS, rows, underUnitId: await under() });
    expect(plan.ok && plan.counts).toEqual({ create: 0, update: 0, unchanged: 3, error: 0 });
    const before = await handle.db.select().from(units);
    expect(await importUnits(handle.db, root, { headers: HEADERS, rows, underUnitId: await under() })).toEqual({
      ok: true,
      created: 0,
      updated: 0,
      unchanged: 3,
    });
    expect(await handle.db.select().from(units)).toEqual(before);
    expect(
      await handle.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, "unit"), eq(auditLog.action, "import"))),
    ).toHaveLength(1);
  });

  it("plans an update with the fields that change (English headers)", async () => {
    const plan = await planUnitImport(handle.db, root, {
      headers: ["code", "name", "kind", "parent code", "place name"],
      rows: [["T-P2", "Xã Thử Hai Mới", "Xã", "T-P1", ""]],
      underUnitId: await under(),
    });
    expect(plan.ok && plan.rows[0]).toMatchObject({ status: "update", changes: ["name", "parent"], placeName: "Thử Hai Địa Danh" });
  });

  it("reports errors with their lines and writes nothing", async () => {
    const bad = [
      ["T-E1", "Xã Lỗi Một", "lang", "", ""], // unknown kind
      ["T-E2", "Xã Lỗi Hai", "xa", "KHONG-CO", ""], // unknown parent
      ["T-E3", "Xã Lỗi Ba", "xa", "", ""],
      ["T-E3", "Xã Lỗi Ba Lặp", "xa", "", ""], // duplicate code
      ["T-C1", "Xã Vòng Một", "xa", "T-C2", ""], // cycle
      ["T-C2", "Xã Vòng Hai", "xa", "T-C1", ""],
      ["T-DB", "Đảng bộ Thử nghiệm", "dang_bo_truc_thuoc", "T-P1", ""], // cycle through existing units
      ["", "Không mã", "xa", "", ""],
    ];
    const plan = await planUnitImport(handle.db, root, { headers: HEADERS, rows: bad, underUnitId: await under() });
    if (!plan.ok) throw new Error("plan refused");
    const errors = Object.fromEntries(plan.rows.filter((r) => r.status === "error").map((r) => [r.line, r.errors]));
    expect(errors).toEqual({
      2: ["unknownKind"],
      3: ["unknownParent"],
      5: ["duplicateCode"],
      6: ["cycle"],
      7: ["cycle"],
      8: ["cycle"],
      9: ["missingCode"],
    });
    expect(plan.counts).toMatchObject({ create: 1, error: 7 });
    const count = (await handle.db.select().from(units)).length;
    expect(await importUnits(handle.db, root, { headers: HEADERS, rows: bad, underUnitId: await under() })).toMatchObject({ ok: false, code: "hasErrors" });
    expect(await handle.db.select().from(units)).toHaveLength(count);
  });

  it("refuses missing columns and units outside the importer's scope", async () => {
    expect(await planUnitImport(handle.db, root, { headers: ["Mã", "Tên"], rows: [["X", "Y"]], underUnitId: await under() })).toEqual({
      ok: false,
      code: "missingColumns",
      columns: ["kind"],
    });
    const baTo = await districtAdmin("535");
    expect(await planUnitImport(handle.db, baTo, { headers: HEADERS, rows, underUnitId: await under() })).toEqual({ ok: false, code: "underOutOfScope" });
    const plan = await planUnitImport(handle.db, baTo, {
      headers: HEADERS,
      rows: [
        ["536", "Huyện Lý Sơn", "huyen", "", ""],
        ["T-B1", "Xã Ba Tơ Thử", "xa", "536", ""],
      ],
      underUnitId: (await unit("535")).id,
    });
    expect(plan.ok && plan.rows.map((r) => r.errors)).toEqual([["outOfScope"], ["parentOutOfScope"]]);
    // Their own unit, named under the parent it already has: unchanged, not refused.
    const own = await unit("535");
    const again = await planUnitImport(handle.db, baTo, { headers: HEADERS, rows: [[own.code, own.name, own.kind, "51", own.placeName]], underUnitId: own.id });
    expect(again.ok && again.rows.map((r) => [r.status, r.errors])).toEqual([["unchanged", []]]);
  });
});

describe("merging units", () => {
  let fromId: number;
  let intoId: number;
  beforeAll(async () => {
    const db = handle.db;
    const make = async (code: string, name: string) => await createUnit(db, root, form({ code, name, kind: "xa", parentId: (await unit("535")).id }));
    const a = await make("T-MA", "Xã Gộp A");
    const b = await make("T-MB", "Xã Gộp B");
    if (!a.ok || !b.ok) throw new Error("setup");
    fromId = a.id;
    intoId = b.id;
    const campaign = (await firstRow(db.select().from(campaigns)))!;
    // Each has a body of the same name, a conference with a site, a person, a user and a feed; A has a child unit.
    for (const id of [fromId, intoId]) {
      const body = await returnedRow(
        writerForSetup(db).insert(bodies).values({ unitId: id, kind: "standing_committee", name: "Ban Thường vụ Đảng ủy", symbol: "ĐU" }).returning(),
      );
      const day = new Date("2026-12-20T01:00:00Z");
      const conference = await returnedRow(
        writerForSetup(db)
          .insert(conferences)
          .values({ campaignId: campaign.id, unitId: id, bodyId: body.id, title: `Hội nghị ${id}`, startsAt: day, endsAt: new Date(day.getTime() + 3_600_000) })
          .returning(),
      );
      await writerForSetup(db)
        .insert(sites)
        .values({ conferenceId: conference.id, unitId: id, isMain: true, venue: `Hội trường ${id}` });
      await writerForSetup(db)
        .insert(people)
        .values({ fullName: `Người ${id}`, searchName: `nguoi ${id}`, unitId: id });
      await writerForSetup(db)
        .insert(users)
        .values({ username: `gop${id}`, passwordHash: "x", fullName: "Cán bộ", role: "viewer", unitId: id });
      await writerForSetup(db)
        .insert(unitFeeds)
        .values({ unitId: id, token: `FEED${id}` });
    }
    await make("T-MA1", "Thôn dưới A");
    await writerForSetup(db).update(units).set({ parentId: fromId }).where(eq(units.code, "T-MA1"));
  });

  it("previews what moves and refuses merges outside the actor's scope", async () => {
    expect(await previewUnitMerge(handle.db, root, [fromId], intoId)).toMatchObject({
      ok: true,
      counts: { conferences: 1, sites: 1, people: 1, users: 1, feeds: 1, bodies: 1, childUnits: 1 },
    });
    const lySon = await districtAdmin("536");
    expect(await mergeUnits(handle.db, lySon, [fromId], intoId)).toEqual({ ok: false, code: "intoOutOfScope" });
    expect(await mergeUnits(handle.db, lySon, [fromId], (await unit("536")).id)).toEqual({ ok: false, code: "notFound" });
    expect(await mergeUnits(handle.db, root, [intoId], intoId)).toEqual({ ok: false, code: "mergeIntoSelf" });
    expect(await mergeUnits(handle.db, root, [fromId], (await unit("T-MA1")).id)).toEqual({ ok: false, code: "intoInsideFrom" });
    expect(await mergeUnits(handle.db, root, [(await unit("51")).id], intoId)).toEqual({ ok: false, code: "cannotMergeRoot" });
    expect((await firstRow(handle.db.select().from(units).where(eq(units.id, fromId))))!.retiredAt).toBeNull();
  });

  it("moves everything in one transaction, keeps the former unit, retires the merged one, one audit row", async () => {
    const db = handle.db;
    const conferencesBefore = await db.select().from(conferences).where(eq(conferences.unitId, fromId));
    const result = await mergeUnits(db, await districtAdmin("535"), [fromId], intoId);
    expect(result).toEqual({ ok: true, counts: { conferences: 1, sites: 1, people: 1, users: 1, feeds: 1, bodies: 1, childUnits: 1 } });
    const moved = await db
      .select()
      .from(conferences)
      .where(
        inArray(
          conferences.id,
          conferencesBefore.map((c) => c.id),
        ),
      );
    expect(moved.map((c) => [c.unitId, c.formerUnitId])).toEqual([[intoId, fromId]]);
    for (const table of [sites, people, users, unitFeeds, bodies]) {
      expect(await db.select().from(table).where(eq(table.unitId, fromId))).toEqual([]);
    }
    expect((await db.select().from(bodies).where(eq(bodies.unitId, intoId))).map((b) => b.name).sort()).toEqual([
      "Ban Thường vụ Đảng ủy",
      "Ban Thường vụ Đảng ủy (Xã Gộp A)",
    ]);
    expect((await unit("T-MA1")).parentId).toBe(intoId);
    expect(await unit("T-MA")).toMatchObject({ mergedIntoId: intoId });
    expect((await unit("T-MA")).retiredAt).toBeInstanceOf(Date);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "merge"), eq(auditLog.entity, "unit")));
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ counts: { conferences: 1, people: 1 } });
    expect(await restoreUnit(db, root, fromId)).toEqual({ ok: false, code: "mergedCannotRestore" });
    expect(await mergeUnits(db, root, [fromId], intoId)).toEqual({ ok: false, code: "alreadyRetired" });
  });
});

describe("a retired unit takes no new conferences", () => {
  it("is left out of the conference form and refused by saveConference, its old conferences stay", async () => {
    const { loadSessionUser } = await import("@/lib/auth/session-user");
    const { getConferenceFormOptions } = await import("@/lib/conferences/get-form-options");
    const { saveConference, duplicateConference } = await import("@/lib/conferences/save-conference");
    const { conferenceFormSchema } = await import("@/lib/schemas/conferences");
    const db = handle.db;
    const made = await createUnit(db, root, form({ code: "T-R1", name: "Xã Sẽ Giải Thể", kind: "xa", parentId: (await unit("535")).id }));
    if (!made.ok) throw new Error("setup");
    const body = await returnedRow(
      writerForSetup(db).insert(bodies).values({ unitId: made.id, kind: "propaganda", name: "Ban Tuyên giáo thử", symbol: "BTG" }).returning(),
    );
    const adminRow = (await firstRow(db.select().from(users).where(eq(users.username, "admin"))))!;
    const admin = (await loadSessionUser(db, adminRow.id, adminRow.sessionVersion))!;
    const input = async (title: string) =>
      conferenceFormSchema.parse({
        campaignId: String((await firstRow(db.select().from(campaigns)))!.id),
        bodyId: String(body.id),
        title,
        startDate: "15/03/2021",
        startTime: "7h30",
        endDate: "15/03/2021",
        endTime: "11:30",
        graceMinutes: "15",
        status: "draft",
        venue: "Hội trường xã thử",
        address: "",
        capacity: "",
        confirmWarnings: "1",
      });
    const before = await saveConference(db, admin, await input("Hội nghị trước khi giải thể"));
    expect(before.ok).toBe(true);
    expect((await getConferenceFormOptions(db, admin)).bodies.some((b) => b.id === body.id)).toBe(true);

    expect(await retireUnit(db, root, made.id)).toMatchObject({ ok: true });
    expect((await getConferenceFormOptions(db, admin)).bodies.some((b) => b.id === body.id)).toBe(false);
    expect((await getConferenceFormOptions(db, admin)).coBodies.some((b) => b.id === body.id)).toBe(false);
    expect(await saveConference(db, admin, await input("Hội nghị sau khi giải thể"))).toMatchObject({ ok: false, code: "bodyNotAllowed" });
    if (!before.ok) throw new Error("setup");
    expect(await duplicateConference(db, admin, before.id, "(bản sao)")).toMatchObject({ ok: false, code: "bodyNotAllowed" });
    // Its old conference is still there, still its own, and may still be edited.
    expect(await saveConference(db, admin, await input("Hội nghị trước khi giải thể (sửa)"), before.id)).toMatchObject({ ok: true });
    expect((await firstRow(db.select().from(conferences).where(eq(conferences.id, before.id))))!.unitId).toBe(made.id);
  });
});

describe("the board after a merge", () => {
  it("drops the merged unit; the receiving unit keeps the moved conference", async () => {
    const { getBoard } = await import("@/lib/board/get-board");
    const { loadSessionUser } = await import("@/lib/auth/session-user");
    const { campaignRequirements } = await import("@/db/schema");
    const db = handle.db;
    const campaign = (await firstRow(db.select().from(campaigns)))!;
    const requirement = await returnedRow(
      writerForSetup(db)
        .insert(campaignRequirements)
        .values({ campaignId: campaign.id, unitKind: "phuong", bodyKind: "standing_committee", title: "Hội nghị phường (thử)" })
        .returning(),
    );
    const make = async (code: string) => {
      const made = await createUnit(db, root, form({ code, name: `Phường ${code}`, kind: "phuong", parentId: (await unit("535")).id }));
      if (!made.ok) throw new Error("setup");
      const body = await returnedRow(
        writerForSetup(db)
          .insert(bodies)
          .values({ unitId: made.id, kind: "standing_committee", name: `Đảng ủy ${code}`, symbol: "ĐU" })
          .returning(),
      );
      const day = new Date("2021-03-20T01:00:00Z");
      await writerForSetup(db)
        .insert(conferences)
        .values({
          campaignId: campaign.id,
          unitId: made.id,
          bodyId: body.id,
          requirementId: requirement.id,
          title: `Hội nghị ${code}`,
          startsAt: day,
          endsAt: new Date(day.getTime() + 3_600_000),
          status: "held",
        });
      return made.id;
    };
    const a = await make("T-BA");
    const b = await make("T-BB");
    const adminRow = (await firstRow(db.select().from(users).where(eq(users.username, "admin"))))!;
    const admin = (await loadSessionUser(db, adminRow.id, adminRow.sessionVersion))!;
    const rowsOf = async () => (await getBoard(db, admin, campaign.id))!.rows.filter((r) => [a, b].includes(r.unit.id));
    expect((await rowsOf()).map((r) => [r.unit.id, r.cells[0].status])).toEqual([
      [a, "held"],
      [b, "held"],
    ]);

    // Both held the requirement: the unique index (by the unit that held it) lets both move.
    expect(await mergeUnits(db, root, [a], b)).toMatchObject({ ok: true, counts: { conferences: 1 } });
    expect((await rowsOf()).map((r) => [r.unit.id, r.cells[0].status])).toEqual([[b, "held"]]);
    // A unit retired with its conference kept stays on that campaign's board.
    const c = await make("T-BC");
    expect(await retireUnit(db, root, c)).toMatchObject({ ok: true });
    expect((await getBoard(db, admin, campaign.id))!.rows.some((r) => r.unit.id === c)).toBe(true);
  });
});
