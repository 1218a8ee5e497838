import { mapInOrder } from "@/lib/async/in-order";
import { returnedRow, firstRow, writerForSetup } from "@/db/client";
/**
 * Organising bodies (docs/decisions/0021): the province's admin makes a template for a kind of unit,
 * creates a new unit's bodies from it in one click, edits a symbol and retires a body; a
 * commune's admin sees and changes only their commune's bodies, and the server refuses a
 * posted action on another unit's body. Units and the unit kind are the test's own, so no
 * count anyone else reads changes.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { bodies, bodyTemplates, unitKinds, units } from "@/db/schema";
import { E2E_BASE_URL } from "./e2e-env";
import { createAccount, e2eDb, expect, signIn, test } from "./fixtures";

const KIND = "thu_co_quan";
const tag = `${process.pid}${Date.now() % 100000}`;

/** A unit kind of the test's own (no campaign requires anything of it), and a unit of that kind under the province. */
async function throwAwayUnit(suffix: string) {
  const db = await e2eDb();
  await writerForSetup(db).insert(unitKinds).values({ key: KIND, label: "Đơn vị thử cơ quan", sortOrder: 98 }).onConflictDoNothing();
  const province = (await firstRow(db.select().from(units).where(eq(units.code, "51"))))!;
  const code = `cq${suffix}${tag}`;
  return await returnedRow(
    writerForSetup(db)
      .insert(units)
      .values({
        code,
        name: `Xã Thử ${suffix.toUpperCase()} ${tag}`,
        kind: KIND,
        placeName: `Thử ${suffix.toUpperCase()} ${tag}`,
        parentId: province.id,
        sortOrder: 997,
      })
      .returning(),
  );
}

/** Posts a server action as the browser does, with the page's session, and returns the answer's text. */
async function postAction(page: Page, name: string, fields: Record<string, string | number>) {
  const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  const id = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === name)![0];
  const require = createRequire(import.meta.url);
  const { encodeReply } = require("next/dist/compiled/react-server-dom-turbopack/client.edge.js") as {
    encodeReply: (v: unknown) => Promise<FormData | string>;
  };
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, String(v));
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const response = await fetch(`${E2E_BASE_URL}/admin/bodies`, {
    method: "POST",
    headers: { "next-action": id, origin: E2E_BASE_URL, accept: "text/x-component", cookie },
    body: await encodeReply([{ ok: false }, form]),
    redirect: "manual",
  });
  expect(response.status).toBeLessThan(500);
  return response.text();
}

test("the admin makes a template, creates a unit's bodies from it, edits a symbol and retires a body", async ({ page }) => {
  const unit = await throwAwayUnit("a");
  await signIn(page, "admin");

  // Templates for the test's kind of unit, through the UI.
  await page.goto(`/admin/bodies/templates?kind=${KIND}`);
  await expect(page.getByRole("heading", { name: "Mẫu cơ quan theo loại đơn vị" })).toBeVisible();
  await expect(page.getByText("chỉ là điểm khởi đầu")).toBeVisible();
  const add = page.getByRole("region", { name: "Thêm mẫu" });
  const templates = [
    { kind: "Ban Thường vụ", name: "Ban Thường vụ Đảng ủy {unitName}", symbol: "ĐU", heading: "ĐẢNG BỘ TỈNH {PARENTPLACENAME}" },
    { kind: "Ủy ban Mặt trận Tổ quốc Việt Nam", name: "Ủy ban Mặt trận Tổ quốc Việt Nam {unitName}", symbol: "MTTQ", heading: "" },
  ];
  for (const tpl of templates) {
    await expect(add.getByLabel("Loại đơn vị")).toHaveValue(KIND);
    await add.getByLabel("Loại cơ quan").selectOption({ label: tpl.kind });
    await add.getByLabel("Mẫu tên").fill(tpl.name);
    await add.getByLabel("Ký hiệu").fill(tpl.symbol);
    await add.getByLabel("Mẫu dòng đầu tiêu đề").fill(tpl.heading);
    await add.getByRole("button", { name: "Thêm mẫu" }).click();
    await expect(add.getByText("Đã thêm mẫu.")).toBeVisible();
  }
  const kindSection = page.locator(`section[data-unit-kind="${KIND}"]`);
  await expect(kindSection.locator("tbody tr")).toHaveCount(2);
  // The same name twice for one kind is refused with a reason.
  await add.getByLabel("Loại cơ quan").selectOption({ label: "Ban Thường vụ" });
  await add.getByLabel("Mẫu tên").fill(templates[0].name);
  await add.getByLabel("Ký hiệu").fill("ĐU");
  await add.getByRole("button", { name: "Thêm mẫu" }).click();
  await expect(add.getByText("Loại đơn vị này đã có mẫu cùng tên.")).toBeVisible();

  // The unit has no bodies: the page shows what the template will create, and creates it in one click.
  await page.goto(`/admin/bodies?unit=${unit.id}`);
  const section = page.locator(`section[data-unit-code="${unit.code}"]`);
  await expect(section.getByText("Đơn vị này chưa có cơ quan tổ chức nào.")).toBeVisible();
  const plan = section.getByTestId("template-plan");
  await expect(plan).toContainText(`Ban Thường vụ Đảng ủy ${unit.name}`);
  await expect(plan).toContainText("ĐẢNG BỘ TỈNH QUẢNG NGÃI");
  await expect(plan).toContainText(`Ủy ban Mặt trận Tổ quốc Việt Nam ${unit.name}`);
  await section.getByRole("button", { name: "Tạo các cơ quan theo mẫu", exact: true }).click();
  await expect(section.getByText("Đã tạo 2 cơ quan, bỏ qua 0 cơ quan đã có.")).toBeVisible();
  await expect(section.locator("tbody tr")).toHaveCount(2);
  const made = async () => await (await e2eDb()).select().from(bodies).where(eq(bodies.unitId, unit.id));
  const standing = (await made()).find((b) => b.kind === "standing_committee")!;
  expect(standing).toMatchObject({ name: `Ban Thường vụ Đảng ủy ${unit.name}`, symbol: "ĐU", parentLine: "ĐẢNG BỘ TỈNH QUẢNG NGÃI" });
  // Nothing is left to create: the button is gone.
  await expect(section.getByRole("button", { name: "Tạo các cơ quan theo mẫu", exact: true })).toHaveCount(0);

  // Edit the standing committee's symbol.
  const row = section.locator(`tr[data-body-id="${standing.id}"]`);
  await row.locator("summary", { hasText: "Sửa" }).click();
  await row.getByLabel("Ký hiệu").fill("ĐUTHU");
  await row.getByRole("button", { name: "Lưu" }).click();
  await expect(row.getByText(`Đã lưu cơ quan “${standing.name}”.`)).toBeVisible();
  await expect(row.locator("td code")).toHaveText("ĐUTHU");
  expect((await made()).find((b) => b.id === standing.id)!.symbol).toBe("ĐUTHU");

  // Retire the front's body: hidden from the list, kept in the database, shown with retired ones.
  const front = (await made()).find((b) => b.kind === "fatherland_front")!;
  await section
    .locator(`tr[data-body-id="${front.id}"]`)
    .getByRole("button", { name: /Ngừng hoạt động/ })
    .click();
  await expect(section.locator(`tr[data-body-id="${front.id}"]`)).toHaveCount(0);
  expect((await made()).find((b) => b.id === front.id)!.retiredAt).not.toBeNull();
  await page.goto(`/admin/bodies?unit=${unit.id}&retired=1`);
  await expect(page.locator(`tr[data-body-id="${front.id}"]`)).toContainText("Đã ngừng");

  // Search without diacritics finds the unit's body.
  await page.goto(`/admin/bodies?q=${encodeURIComponent(`ban thuong vu dang uy xa thu a ${tag}`)}`);
  await expect(page.locator(`tr[data-body-id="${standing.id}"]`)).toBeVisible();
  await expect(page.locator("section[data-unit-code]")).toHaveCount(1);
});

test("a commune's admin sees and changes only that commune's bodies", async ({ page }) => {
  const own = await throwAwayUnit("b");
  const other = await throwAwayUnit("c");
  const db = await e2eDb();
  const ownBody = await returnedRow(
    writerForSetup(db)
      .insert(bodies)
      .values({ unitId: own.id, kind: "standing_committee", name: `Ban Thường vụ Đảng ủy ${own.name}`, symbol: "ĐU" })
      .returning(),
  );
  const otherBody = await returnedRow(
    writerForSetup(db)
      .insert(bodies)
      .values({ unitId: other.id, kind: "standing_committee", name: `Ban Thường vụ Đảng ủy ${other.name}`, symbol: "ĐU" })
      .returning(),
  );
  const account = await createAccount("admin", own.code);
  await signIn(page, account.username, account.password);

  await page.goto("/admin/bodies");
  await expect(page.locator(`section[data-unit-code="${own.code}"]`)).toBeVisible();
  await expect(page.locator("section[data-unit-code]")).toHaveCount(1);
  await expect(page.getByText(other.name)).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Loại cơ quan" })).toHaveCount(0);
  // Global data is the province admin's: the pages do not exist for a commune's admin.
  for (const url of ["/admin/bodies/kinds", "/admin/bodies/templates"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
  }

  // Posted straight to the server with the other commune's ids: refused, nothing changes.
  const refusal = "Không tìm thấy, hoặc bạn không có quyền thay đổi.";
  const attempts: [string, Record<string, string | number>][] = [
    ["retireBodyAction", { bodyId: otherBody.id }],
    ["updateBodyAction", { bodyId: otherBody.id, name: "Tên đổi trái phép", kind: "other", symbol: "X", parentLine: "" }],
    ["createBodyAction", { unitId: other.id, name: "Ban lạ trái phép", kind: "other", symbol: "X", parentLine: "" }],
    ["createBodiesFromTemplateAction", { unitId: other.id }],
  ];
  for (const [name, fields] of attempts) {
    const text = await postAction(page, name, fields);
    expect(text, name).not.toContain('"ok":true');
    expect(text, name).toContain(refusal);
  }
  for (const [name, fields] of [
    ["saveBodyKindAction", { key: `thu_${tag}`, label: "Loại trái phép", colour: "#000000", sortOrder: 1 }],
    ["deleteBodyTemplateAction", { templateId: 1 }],
  ] as const) {
    const text = await postAction(page, name, fields);
    expect(text, name).toContain("Bạn không có quyền thực hiện thao tác này.");
  }
  expect(await firstRow(db.select().from(bodies).where(eq(bodies.id, otherBody.id)))).toEqual(otherBody);
  expect(await db.select().from(bodies).where(eq(bodies.unitId, other.id))).toHaveLength(1);

  // The same action on their own body works.
  const text = await postAction(page, "retireBodyAction", { bodyId: ownBody.id });
  expect(text).toContain('"ok":true');
  expect((await firstRow(db.select().from(bodies).where(eq(bodies.id, ownBody.id))))!.retiredAt).not.toBeNull();
});

test("the admin creates the template's bodies for every unit of a kind in one click", async ({ page }) => {
  const db = await e2eDb();
  const kind = `thu_loat_${tag}`;
  const label = `Đơn vị thử hàng loạt ${tag}`;
  await writerForSetup(db).insert(unitKinds).values({ key: kind, label, sortOrder: 98 });
  await writerForSetup(db).insert(bodyTemplates).values({
    unitKind: kind,
    bodyKind: "standing_committee",
    namePattern: "Ban Thường vụ Đảng ủy {unitName}",
    symbol: "ĐU",
    parentLinePattern: "ĐẢNG BỘ TỈNH {PARENTPLACENAME}",
  });
  const province = (await firstRow(db.select().from(units).where(eq(units.code, "51"))))!;
  const made = await mapInOrder(
    ["m", "n", "o"],
    async (s) =>
      await returnedRow(
        writerForSetup(db)
          .insert(units)
          .values({ code: `lo${s}${tag}`, name: `Xã Loạt ${s.toUpperCase()} ${tag}`, kind, placeName: `Loạt ${s}`, parentId: province.id, sortOrder: 997 })
          .returning(),
      ),
  );
  await signIn(page, "admin");
  await page.goto("/admin/bodies");
  const bulk = page.getByTestId("bulk-template");
  await expect(bulk).toContainText(`${label}: 3 đơn vị, thiếu 3 cơ quan`);
  await bulk.getByRole("button", { name: `Tạo cho 3 đơn vị loại “${label}”` }).click();
  await expect(page.getByText("Đã tạo 3 cơ quan cho 3 đơn vị, bỏ qua 0 cơ quan đã có.")).toBeVisible();
  for (const unit of made) {
    expect((await db.select().from(bodies).where(eq(bodies.unitId, unit.id))).map((b) => b.name)).toEqual([`Ban Thường vụ Đảng ủy ${unit.name}`]);
  }
});
