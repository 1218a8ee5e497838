import { mapInOrder } from "@/lib/async/in-order";
import { firstRow, returnedRow, writerForSetup } from "@/db/client";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, bodies, bodyKinds, bodyTemplates, units, users, type Role } from "@/db/schema";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { bodyKindSchema, bodyTemplateSchema, createBodySchema, updateBodySchema } from "@/lib/schemas/bodies";
import { answerWhileHeld, createTestDb } from "@/lib/testing/test-db";
import { saveBodyKind } from "./body-kinds";
import { deleteBodyTemplate, listBodyTemplates, saveBodyTemplate } from "./body-templates";
import {
  committeeNameOf,
  createBodiesFromTemplate,
  createBodiesFromTemplateForKind,
  expandTemplate,
  previewBodiesFromTemplate,
} from "./create-bodies-from-template";
import { DEFAULT_BODY_TEMPLATES, ensureDefaultBodyTemplates } from "./default-body-templates";
import { listBodies } from "./list-bodies";
import { createBody, restoreBody, retireBody, updateBody } from "./manage-bodies";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let province: typeof units.$inferSelect;
let communeA: typeof units.$inferSelect;
let communeB: typeof units.$inferSelect;
let rootAdmin: SessionUser;
let adminA: SessionUser;
let adminB: SessionUser;
let viewerA: SessionUser;

async function account(username: string, role: Role, unitId: number): Promise<SessionUser> {
  const row = await returnedRow(writerForSetup(handle.db).insert(users).values({ username, fullName: username, role, unitId, passwordHash: "x" }).returning());
  return (await loadSessionUser(handle.db, row.id, row.sessionVersion))!;
}

beforeAll(async () => {
  handle = await createTestDb();
  const db = handle.db;
  province = await returnedRow(
    writerForSetup(db).insert(units).values({ code: "51", name: "Tỉnh Quảng Ngãi", kind: "tinh", placeName: "Quảng Ngãi" }).returning(),
  );
  communeA = await returnedRow(
    writerForSetup(db).insert(units).values({ code: "X1", name: "Xã Ba Tơ", kind: "xa", placeName: "Ba Tơ", parentId: province.id }).returning(),
  );
  communeB = await returnedRow(
    writerForSetup(db).insert(units).values({ code: "X2", name: "Đặc khu Lý Sơn", kind: "dac_khu", placeName: "Lý Sơn", parentId: province.id }).returning(),
  );
  rootAdmin = await account("admin.tinh", "admin", province.id);
  adminA = await account("admin.bato", "admin", communeA.id);
  adminB = await account("admin.lyson", "admin", communeB.id);
  viewerA = await account("xem.bato", "viewer", communeA.id);
});
afterAll(() => handle.cleanup());

const body = (unitId: number, name: string, kind = "standing_committee") =>
  createBodySchema.parse({ unitId: String(unitId), name, kind, symbol: "ĐU", parentLine: "ĐẢNG BỘ TỈNH QUẢNG NGÃI" });

describe("template expansion", () => {
  const values = { unitName: "Xã Ba Tơ", placeName: "Ba Tơ", parentPlaceName: "Quảng Ngãi" };

  it("fills the placeholders, in capitals when the placeholder is written in capitals", () => {
    expect(expandTemplate("Ban Thường vụ Đảng ủy xã {placeName}", values)).toBe("Ban Thường vụ Đảng ủy xã Ba Tơ");
    expect(expandTemplate("Ủy ban MTTQ Việt Nam {unitName}", values)).toBe("Ủy ban MTTQ Việt Nam Xã Ba Tơ");
    expect(expandTemplate("ĐẢNG ỦY {UNITNAME}", values)).toBe("ĐẢNG ỦY XÃ BA TƠ");
    expect(expandTemplate("ĐẢNG BỘ TỈNH {PARENTPLACENAME}", values)).toBe("ĐẢNG BỘ TỈNH QUẢNG NGÃI");
    expect(expandTemplate("HUYỆN ỦY {PLACENAME}", { ...values, placeName: "Đức Phổ" })).toBe("HUYỆN ỦY ĐỨC PHỔ");
  });

  it("names a unit's Party committee from the unit's name", () => {
    expect(expandTemplate("Ban Thường vụ {committeeName}", { ...values, unitName: "Đảng bộ Công an tỉnh" })).toBe("Ban Thường vụ Đảng ủy Công an tỉnh");
    expect(expandTemplate("{COMMITTEENAME}", { ...values, unitName: "Đảng bộ Quân sự tỉnh" })).toBe("ĐẢNG ỦY QUÂN SỰ TỈNH");
    expect(committeeNameOf("Phường Cẩm Thành")).toBe("Đảng ủy Phường Cẩm Thành");
  });

  it("keeps unknown braces as written, tidies spaces and stores NFC", () => {
    expect(expandTemplate("Ban {khác}  {placeName} ", values)).toBe("Ban {khác} Ba Tơ");
    expect(expandTemplate("Ban Tuyên giáo {placeName}", { ...values, placeName: "Ba Tơ".normalize("NFD") })).toBe("Ban Tuyên giáo Ba Tơ".normalize("NFC"));
    expect(expandTemplate("", values)).toBe("");
  });
});

describe("default templates", () => {
  it("inserts starting points for every listed unit kind once; a deleted one stays deleted", async () => {
    const inserted = await ensureDefaultBodyTemplates(handle.db);
    const expected = Object.values(DEFAULT_BODY_TEMPLATES).reduce((n, list) => n + list.length, 0);
    expect(inserted).toBe(expected);
    for (const kind of ["tinh", "huyen", "thi_xa", "thanh_pho", "xa", "phuong", "dac_khu", "dang_bo_truc_thuoc"]) {
      expect((await listBodyTemplates(handle.db, kind)).length, kind).toBeGreaterThan(0);
    }
    expect((await listBodyTemplates(handle.db, "tinh")).map((t) => t.symbol)).toContain("BTGDVTU");
    expect((await listBodyTemplates(handle.db, "huyen")).map((t) => t.bodyKind)).toEqual([
      "standing_committee",
      "propaganda",
      "labour_federation",
      "education_office",
    ]);
    const one = (await listBodyTemplates(handle.db, "phuong"))[0];
    expect(await deleteBodyTemplate(handle.db, rootAdmin, one.id)).toEqual({ ok: true });
    expect(await ensureDefaultBodyTemplates(handle.db)).toBe(0);
    expect((await listBodyTemplates(handle.db, "phuong")).some((t) => t.id === one.id)).toBe(false);
  });

  it("once inserted, asks without the write lane: it answers while another transaction holds the lane", async () => {
    await ensureDefaultBodyTemplates(handle.db);
    expect(await answerWhileHeld(handle.db, () => ensureDefaultBodyTemplates(handle.db))).toBe(0);
  });
});

describe("creating a unit's bodies from its template", () => {
  it("previews, creates the bodies with names and heading lines filled, and is idempotent", async () => {
    const preview = (await previewBodiesFromTemplate(handle.db, adminA, communeA.id))!;
    expect(preview.map((p) => p.name)).toEqual([
      "Ban Thường vụ Đảng ủy xã Ba Tơ",
      "Ủy ban Mặt trận Tổ quốc Việt Nam xã Ba Tơ",
      "Phòng Văn hóa - Xã hội xã Ba Tơ",
    ]);
    expect(preview.every((p) => !p.exists)).toBe(true);
    expect(preview[0].parentLine).toBe("ĐẢNG BỘ TỈNH QUẢNG NGÃI");
    expect(preview[2].parentLine).toBe("ỦY BAN NHÂN DÂN XÃ BA TƠ");

    // One of them made by hand beforehand: skipped, not duplicated.
    expect((await createBody(handle.db, adminA, body(communeA.id, "Phòng Văn hóa - Xã hội xã Ba Tơ", "culture_social_office"))).ok).toBe(true);
    expect(await createBodiesFromTemplate(handle.db, adminA, communeA.id)).toEqual({ ok: true, created: 2, skipped: 1 });
    expect(await createBodiesFromTemplate(handle.db, adminA, communeA.id)).toEqual({ ok: true, created: 0, skipped: 3 });
    const made = await handle.db.select().from(bodies).where(eq(bodies.unitId, communeA.id));
    expect(made).toHaveLength(3);
    expect(made.find((b) => b.kind === "standing_committee")).toMatchObject({ symbol: "ĐU", parentLine: "ĐẢNG BỘ TỈNH QUẢNG NGÃI" });
    expect((await previewBodiesFromTemplate(handle.db, adminA, communeA.id))!.every((p) => p.exists)).toBe(true);
    const audited = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "body"), eq(auditLog.action, "create_from_template")));
    expect(audited).toHaveLength(2);
    expect(audited.every((a) => a.userId === adminA.id)).toBe(true);
  });

  it("creates nothing for a unit outside the admin's scope, and reports no plan for it", async () => {
    expect(await previewBodiesFromTemplate(handle.db, adminA, communeB.id)).toBeNull();
    expect(await createBodiesFromTemplate(handle.db, adminA, communeB.id)).toEqual({ ok: false, code: "notFound" });
    expect(await handle.db.select().from(bodies).where(eq(bodies.unitId, communeB.id))).toHaveLength(0);
  });

  it("creates the bodies of every active unit of a kind in the admin's scope in one go", async () => {
    const db = handle.db;
    const more = await mapInOrder(
      ["Tịnh Ấn", "Tịnh Long", "Tịnh Khê"],
      async (place, i) =>
        await returnedRow(
          writerForSetup(db)
            .insert(units)
            .values({ code: `P${i}`, name: `Phường ${place}`, kind: "phuong", placeName: place, parentId: i === 2 ? communeB.id : province.id })
            .returning(),
        ),
    );
    const old = await returnedRow(
      writerForSetup(db)
        .insert(units)
        .values({ code: "P9", name: "Phường Cũ", kind: "phuong", placeName: "Cũ", parentId: province.id, retiredAt: new Date() })
        .returning(),
    );
    const perUnit = (await listBodyTemplates(db, "phuong")).length;
    // A commune's admin reaches only the ward under their own unit (scope as of the new request: the ward is new).
    const freshB = (await loadSessionUser(db, adminB.id, 1))!;
    expect(freshB.scopeUnitIds).toContain(more[2].id);
    expect(await createBodiesFromTemplateForKind(db, freshB, "phuong")).toEqual({ ok: true, units: 1, created: perUnit, skipped: 0 });
    expect(await createBodiesFromTemplateForKind(db, rootAdmin, "phuong")).toEqual({ ok: true, units: 2, created: 2 * perUnit, skipped: perUnit });
    expect(await createBodiesFromTemplateForKind(db, rootAdmin, "phuong")).toEqual({ ok: true, units: 0, created: 0, skipped: 3 * perUnit });
    for (const unit of more) expect(await db.select().from(bodies).where(eq(bodies.unitId, unit.id))).toHaveLength(perUnit);
    expect(await db.select().from(bodies).where(eq(bodies.unitId, old.id))).toHaveLength(0);
    expect(await createBodiesFromTemplateForKind(db, viewerA, "phuong")).toEqual({ ok: false, code: "forbidden" });
  });

  it("a unit kind without templates creates nothing", async () => {
    expect((await previewBodiesFromTemplate(handle.db, rootAdmin, province.id))!.length).toBeGreaterThan(0);
    await writerForSetup(handle.db).delete(bodyTemplates).where(eq(bodyTemplates.unitKind, "tinh"));
    expect(await createBodiesFromTemplate(handle.db, rootAdmin, province.id)).toEqual({ ok: true, created: 0, skipped: 0 });
  });
});

describe("scope: a commune's admin manages that commune's bodies only", () => {
  it("cannot create, edit, retire or restore a body of another commune", async () => {
    const created = await createBody(handle.db, adminB, body(communeB.id, "Ban Thường vụ Đảng ủy đặc khu Lý Sơn"));
    expect(created.ok).toBe(true);
    const bodyB = created.ok ? created.id : 0;
    const before = await firstRow(handle.db.select().from(bodies).where(eq(bodies.id, bodyB)));

    expect(await createBody(handle.db, adminA, body(communeB.id, "Ban lạ của Lý Sơn"))).toEqual({ ok: false, code: "notFound" });
    expect(
      await updateBody(handle.db, adminA, updateBodySchema.parse({ bodyId: String(bodyB), name: "Đổi tên trái phép", kind: "other", symbol: "X" })),
    ).toEqual({
      ok: false,
      code: "notFound",
    });
    expect(await retireBody(handle.db, adminA, bodyB)).toEqual({ ok: false, code: "notFound" });
    expect(await firstRow(handle.db.select().from(bodies).where(eq(bodies.id, bodyB)))).toEqual(before);
    expect(await firstRow(handle.db.select().from(bodies).where(eq(bodies.name, "Ban lạ của Lý Sơn")))).toBeUndefined();

    // Retired by its own admin, it cannot be restored from the other commune either.
    expect(await retireBody(handle.db, adminB, bodyB)).toEqual({ ok: true });
    expect(await restoreBody(handle.db, adminA, bodyB)).toEqual({ ok: false, code: "notFound" });
    expect((await firstRow(handle.db.select().from(bodies).where(eq(bodies.id, bodyB))))!.retiredAt).not.toBeNull();
    expect(await restoreBody(handle.db, rootAdmin, bodyB)).toEqual({ ok: true });
    expect((await firstRow(handle.db.select().from(bodies).where(eq(bodies.id, bodyB))))!.retiredAt).toBeNull();
  });

  it("lists only the bodies of the admin's subtree; the province's admin sees all", async () => {
    expect(new Set((await listBodies(handle.db, adminA)).map((b) => b.unitId))).toEqual(new Set([communeA.id]));
    expect(new Set((await listBodies(handle.db, adminB)).map((b) => b.unitId))).toEqual(new Set([communeB.id]));
    const everyUnitWithBodies = new Set((await handle.db.select({ unitId: bodies.unitId }).from(bodies)).map((b) => b.unitId));
    expect(everyUnitWithBodies.size).toBeGreaterThan(2);
    expect(new Set((await listBodies(handle.db, rootAdmin)).map((b) => b.unitId))).toEqual(everyUnitWithBodies);
    expect(await listBodies(handle.db, adminA, { unitId: communeB.id })).toEqual([]);
    expect((await listBodies(handle.db, rootAdmin, { q: "uy ban mat tran to quoc viet nam xa ba to" })).map((b) => b.name)).toEqual([
      "Ủy ban Mặt trận Tổ quốc Việt Nam xã Ba Tơ",
    ]);
    expect((await listBodies(handle.db, rootAdmin, { q: "dang uy dac khu" }))[0]).toMatchObject({
      kindLabel: "Ban Thường vụ",
      conferenceCount: 0,
      userCount: 0,
    });
  });

  it("edits, retires and restores its own bodies, audited; refuses a duplicate name and an unknown kind", async () => {
    const own = (await firstRow(
      handle.db
        .select()
        .from(bodies)
        .where(and(eq(bodies.unitId, communeA.id), eq(bodies.kind, "standing_committee"))),
    ))!;
    const edit = updateBodySchema.parse({ bodyId: String(own.id), name: own.name, kind: own.kind, symbol: "ĐUX", parentLine: "ĐẢNG BỘ TỈNH QUẢNG NGÃI" });
    expect(await updateBody(handle.db, adminA, edit)).toEqual({ ok: true });
    expect((await firstRow(handle.db.select().from(bodies).where(eq(bodies.id, own.id))))!.symbol).toBe("ĐUX");
    expect(await updateBody(handle.db, adminA, { ...edit, name: "Ủy ban Mặt trận Tổ quốc Việt Nam xã Ba Tơ" })).toEqual({
      ok: false,
      field: "name",
      code: "nameTaken",
    });
    expect(await updateBody(handle.db, adminA, { ...edit, kind: "khong_co" })).toEqual({ ok: false, field: "kind", code: "kindUnknown" });
    expect(await createBody(handle.db, adminA, body(communeA.id, own.name))).toEqual({ ok: false, field: "name", code: "nameTaken" });
    expect(await retireBody(handle.db, adminA, own.id)).toEqual({ ok: true });
    expect(await retireBody(handle.db, adminA, own.id)).toEqual({ ok: true });
    expect(await restoreBody(handle.db, adminA, own.id)).toEqual({ ok: true });
    const actions = (
      await handle.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, "body"), eq(auditLog.entityId, String(own.id))))
    ).map((a) => a.action);
    expect(actions).toEqual(["create_from_template", "update", "retire", "restore"]);
  });

  it("keeps the letters' heading and default signature block; refuses an unknown authority form", async () => {
    const own = (await firstRow(
      handle.db
        .select()
        .from(bodies)
        .where(and(eq(bodies.unitId, communeA.id), eq(bodies.kind, "standing_committee"))),
    ))!;
    const fields = { bodyId: String(own.id), name: own.name, kind: own.kind, symbol: own.symbol, parentLine: "ĐẢNG BỘ TỈNH QUẢNG NGÃI" };
    const edit = updateBodySchema.parse({
      ...fields,
      headingName: "Đảng ủy xã Ba Tơ",
      signForm: "T/M",
      signFor: "Ban Thường vụ",
      signerTitle: "Bí thư",
      signerName: "Hồ Văn Ký",
    });
    expect(await updateBody(handle.db, adminA, edit)).toEqual({ ok: true });
    expect(await firstRow(handle.db.select().from(bodies).where(eq(bodies.id, own.id)))).toMatchObject({
      headingName: "Đảng ủy xã Ba Tơ",
      signForm: "T/M",
      signFor: "Ban Thường vụ",
      signerTitle: "Bí thư",
      signerName: "Hồ Văn Ký",
    });
    const refused = updateBodySchema.safeParse({ ...fields, signForm: "TM" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ["signForm"], message: "signFormInvalid" });
  });

  it("refuses roles without body management, and retired units", async () => {
    expect(await createBody(handle.db, viewerA, body(communeA.id, "Ban của cán bộ tổ chức"))).toEqual({ ok: false, code: "forbidden" });
    expect(await createBodiesFromTemplate(handle.db, viewerA, communeA.id)).toEqual({ ok: false, code: "forbidden" });
    const retired = await returnedRow(
      writerForSetup(handle.db)
        .insert(units)
        .values({ code: "X9", name: "Xã Cũ", kind: "xa", placeName: "Cũ", parentId: province.id, retiredAt: new Date() })
        .returning(),
    );
    expect(await createBody(handle.db, rootAdmin, body(retired.id, "Ban Thường vụ Đảng ủy xã Cũ"))).toEqual({
      ok: false,
      field: "unitId",
      code: "unitRetired",
    });
    expect(await createBodiesFromTemplate(handle.db, rootAdmin, retired.id)).toEqual({ ok: false, code: "unitRetired" });
  });
});

describe("body kinds and templates are global: the province's admin only", () => {
  const kind = (v: Record<string, string>) =>
    bodyKindSchema.parse({ key: "ban_dan_van", label: "Ban Dân vận", colour: "#1D4ED8", sortOrder: "25", requirable: "on", ...v });

  it("validates a kind: ASCII snake_case key, label, #rrggbb colour, order", () => {
    const bad = bodyKindSchema.safeParse({ key: "Ban Dân vận", label: "B", colour: "blue", sortOrder: "-1" });
    expect(bad.success).toBe(false);
    expect(Object.fromEntries(bad.error!.issues.map((i) => [i.path[0], i.message]))).toMatchObject({
      key: "kindKeyFormat",
      label: "labelRequired",
      colour: "colourFormat",
      sortOrder: "orderRange",
    });
    expect(bodyKindSchema.safeParse({ key: "1abc", label: "Ban", colour: "#000000" }).success).toBe(false);
    expect(bodyKindSchema.safeParse({ key: "ban_tuyen_giao_dan_van", label: "Ban", colour: "#000000" }).data).toMatchObject({
      requirable: false,
      sortOrder: 0,
    });
    expect(kind({})).toMatchObject({ key: "ban_dan_van", colour: "#1d4ed8", requirable: true, sortOrder: 25 });
  });

  it("adds and edits a kind, refuses a taken key and a changed key, audited", async () => {
    expect(await saveBodyKind(handle.db, rootAdmin, kind({}))).toEqual({ ok: true, key: "ban_dan_van", created: true });
    expect(await saveBodyKind(handle.db, rootAdmin, kind({}))).toEqual({ ok: false, field: "key", code: "kindKeyTaken" });
    expect(await saveBodyKind(handle.db, rootAdmin, kind({ originalKey: "ban_dan_van", label: "Ban Dân vận cấp ủy", requirable: "" }))).toEqual({
      ok: true,
      key: "ban_dan_van",
      created: false,
    });
    expect(await firstRow(handle.db.select().from(bodyKinds).where(eq(bodyKinds.key, "ban_dan_van")))).toMatchObject({
      label: "Ban Dân vận cấp ủy",
      requirable: false,
    });
    expect(await saveBodyKind(handle.db, rootAdmin, kind({ originalKey: "ban_dan_van", key: "ban_khac" }))).toEqual({
      ok: false,
      field: "key",
      code: "kindKeyFixed",
    });
    expect((await handle.db.select().from(auditLog).where(eq(auditLog.entity, "body_kind"))).map((a) => a.action)).toEqual(["create", "update"]);
  });

  it("a commune's admin changes no kind and no template", async () => {
    expect(await saveBodyKind(handle.db, adminA, kind({ key: "ban_xa" }))).toEqual({ ok: false, code: "forbidden" });
    const template = bodyTemplateSchema.parse({ unitKind: "xa", bodyKind: "other", namePattern: "Ban khác xã {placeName}", symbol: "BK" });
    expect(await saveBodyTemplate(handle.db, adminA, template)).toEqual({ ok: false, code: "forbidden" });
    const some = (await listBodyTemplates(handle.db, "xa"))[0];
    expect(await deleteBodyTemplate(handle.db, adminA, some.id)).toEqual({ ok: false, code: "forbidden" });
    expect((await listBodyTemplates(handle.db, "xa")).some((t) => t.id === some.id)).toBe(true);
  });

  it("adds, edits and deletes a template; refuses unknown kinds and a duplicate name pattern", async () => {
    const input = bodyTemplateSchema.parse({
      unitKind: "xa",
      bodyKind: "ban_dan_van",
      namePattern: "Ban Dân vận Đảng ủy xã {placeName}",
      symbol: "BDV",
      parentLinePattern: "ĐẢNG ỦY XÃ {PLACENAME}",
      sortOrder: "40",
    });
    const saved = await saveBodyTemplate(handle.db, rootAdmin, input);
    expect(saved.ok).toBe(true);
    const id = saved.ok ? saved.id : 0;
    expect(await saveBodyTemplate(handle.db, rootAdmin, input)).toEqual({ ok: false, field: "namePattern", code: "templateTaken" });
    expect(await saveBodyTemplate(handle.db, rootAdmin, { ...input, unitKind: "khong_co" })).toEqual({ ok: false, field: "unitKind", code: "unitKindUnknown" });
    expect(await saveBodyTemplate(handle.db, rootAdmin, { ...input, bodyKind: "khong_co" })).toEqual({ ok: false, field: "bodyKind", code: "kindUnknown" });
    expect(await saveBodyTemplate(handle.db, rootAdmin, { ...input, templateId: id, symbol: "BDVĐU" })).toEqual({ ok: true, id });
    expect((await previewBodiesFromTemplate(handle.db, adminA, communeA.id))!.find((p) => p.kind === "ban_dan_van")).toMatchObject({
      name: "Ban Dân vận Đảng ủy xã Ba Tơ",
      symbol: "BDVĐU",
      parentLine: "ĐẢNG ỦY XÃ BA TƠ",
      exists: false,
    });
    expect(await deleteBodyTemplate(handle.db, rootAdmin, id)).toEqual({ ok: true });
    expect(await deleteBodyTemplate(handle.db, rootAdmin, id)).toEqual({ ok: false, code: "notFound" });
    expect((await handle.db.select().from(auditLog).where(eq(auditLog.entity, "body_template"))).map((a) => a.action)).toEqual([
      "delete",
      "create",
      "update",
      "delete",
    ]);
  });

  it("validates body input: name, kind, symbol without spaces", () => {
    const bad = createBodySchema.safeParse({ unitId: "", name: "B", kind: "", symbol: "BTG TU" });
    expect(bad.success).toBe(false);
    expect(Object.fromEntries(bad.error!.issues.map((i) => [i.path[0], i.message]))).toMatchObject({
      unitId: "unitRequired",
      name: "nameRequired",
      kind: "kindRequired",
      symbol: "symbolFormat",
    });
    expect(
      createBodySchema.parse({ unitId: "3", name: " Ban Tuyên giáo và Dân vận Tỉnh ủy ", kind: "propaganda_mass_mobilisation", symbol: "BTGDVTU" }),
    ).toMatchObject({ name: "Ban Tuyên giáo và Dân vận Tỉnh ủy", parentLine: "" });
  });
});
