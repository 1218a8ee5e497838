import { returnedRow, firstRow, writerForSetup } from "@/db/client";
/**
 * Units in the UI (docs/decisions/0019): import a list under a throw-away parent (preview, then
 * commit; the same file again changes nothing), find a unit without diacritics in the
 * tree, edit one, retire one (the conference form stops offering it), and merge two:
 * conferences, people and accounts follow, and the receiving unit's report shows the
 * moved conference. Every unit here has the test kind, so no board counts change.
 */
import { eq } from "drizzle-orm";
import { bodies, conferences, people, sites, units, users } from "@/db/schema";
import { createAccount, e2eDb, expect, practiceConference, signIn, test, testUnitKind, unitIdOf } from "./fixtures";

const p = `u${process.pid % 1000}${Date.now() % 100000}`;

test("import, find, edit, retire and merge units through the admin screens", async ({ page }) => {
  test.setTimeout(90_000);
  const db = await e2eDb();
  const kind = await testUnitKind();
  const parent = await returnedRow(
    writerForSetup(db)
      .insert(units)
      .values({ code: `${p}-GOC`, name: `Đơn vị gốc thử ${p}`, kind, placeName: "Thử", parentId: await unitIdOf("51"), sortOrder: 997 })
      .returning(),
  );
  // A child (C) before its parent (B); the kind by key and by label.
  const csv = [
    "Mã,Tên,Loại,Mã đơn vị cấp trên,Địa danh",
    `${p}-A,Xã Ánh Dương ${p},${kind},,`,
    `${p}-C,Thôn Suối Đá ${p},Đơn vị thử (kiểm thử),${p}-B,Suối Đá`,
    `${p}-B,Xã Bình Minh ${p},${kind},,`,
    `${p}-D,Xã Đồng Tâm ${p},${kind},,`,
  ].join("\n");
  const upload = async () => {
    await page.goto("/admin/units/import");
    await page.getByLabel("Tệp danh sách đơn vị").setInputFiles({ name: "don-vi.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
    await page.getByLabel("Đơn vị cấp trên mặc định").selectOption(String(parent.id));
    await page.getByRole("button", { name: "Tải lên và xem trước" }).click();
  };

  await signIn(page, "admin");
  await upload();
  await expect(page.getByTestId("preview-summary")).toHaveText("4 đơn vị mới, 0 đơn vị được cập nhật, 0 không đổi, 0 dòng lỗi.");
  await page.getByRole("button", { name: "Nhập 4 thay đổi" }).click();
  await expect(page.getByTestId("import-done")).toHaveText("Đã nhập: 4 đơn vị mới, 0 đơn vị được cập nhật, 0 không đổi.");
  const unit = async (suffix: string) =>
    (await firstRow(
      db
        .select()
        .from(units)
        .where(eq(units.code, `${p}-${suffix}`)),
    ))!;
  expect((await unit("C")).parentId).toBe((await unit("B")).id);
  expect(await unit("A")).toMatchObject({ parentId: parent.id, placeName: `Ánh Dương ${p}` });

  // The same file again: nothing to do.
  await upload();
  await expect(page.getByTestId("preview-summary")).toHaveText("0 đơn vị mới, 0 đơn vị được cập nhật, 4 không đổi, 0 dòng lỗi.");
  await expect(page.getByText("Không có gì thay đổi: danh sách đã khớp với cây đơn vị.")).toBeVisible();

  // The tree: found without diacritics, nested under its parent.
  await page.goto("/admin/units");
  await page.getByLabel("Tìm đơn vị").fill(`thon suoi da ${p}`);
  const tree = page.getByTestId("unit-tree");
  await expect(tree.locator(`[data-code="${p}-C"]`)).toBeVisible();
  await expect(tree.locator("li", { has: page.locator(`[data-code="${p}-B"]`) }).locator(`[data-code="${p}-C"]`)).toBeVisible();
  await expect(tree.locator(`[data-code="${p}-A"]`)).toHaveCount(0);

  // Edit A.
  await tree.page().getByLabel("Tìm đơn vị").fill(`anh duong ${p}`);
  await tree.locator(`[data-code="${p}-A"]`).getByRole("link", { name: "Sửa" }).click();
  await page.getByLabel("Tên đơn vị").fill(`Xã Ánh Dương Mới ${p}`);
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByText(`Đã lưu đơn vị “Xã Ánh Dương Mới ${p}”.`)).toBeVisible();
  expect((await unit("A")).name).toBe(`Xã Ánh Dương Mới ${p}`);

  // Retire D: the conference form offered its body, and no longer does.
  const bodyD = await returnedRow(
    writerForSetup(db)
      .insert(bodies)
      .values({ unitId: (await unit("D")).id, kind: "propaganda", name: `Ban Tuyên giáo Đồng Tâm ${p}`, symbol: "BTG" })
      .returning(),
  );
  await page.goto("/conferences/new");
  await expect(page.locator(`#bodyId option[value="${bodyD.id}"]`)).toHaveCount(1);
  await page.goto("/admin/units");
  await page.getByLabel("Tìm đơn vị").fill(`dong tam ${p}`);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByTestId("unit-tree").locator(`[data-code="${p}-D"]`).getByRole("button", { name: "Giải thể" }).click();
  await expect(page.getByText(`Đã giải thể “Xã Đồng Tâm ${p}”.`)).toBeVisible();
  expect((await unit("D")).retiredAt).not.toBeNull();
  await page.goto("/conferences/new");
  await expect(page.locator("#bodyId")).toBeVisible();
  await expect(page.locator(`#bodyId option[value="${bodyD.id}"]`)).toHaveCount(0);

  // Merge A into B: A has a body, a conference, a person and an account.
  const a = await unit("A");
  const b = await unit("B");
  const bodyA = await returnedRow(
    writerForSetup(db)
      .insert(bodies)
      .values({ unitId: a.id, kind: "standing_committee", name: `Ban Thường vụ Ánh Dương ${p}`, symbol: "ĐU" })
      .returning(),
  );
  const day = new Date(Date.now() + 2 * 86_400_000);
  const title = `Hội nghị học tập xã Ánh Dương ${p}`;
  const conference = await returnedRow(
    writerForSetup(db)
      .insert(conferences)
      .values({
        campaignId: (await practiceConference()).conference.campaignId,
        unitId: a.id,
        bodyId: bodyA.id,
        title,
        startsAt: day,
        endsAt: new Date(day.getTime() + 3_600_000),
        status: "scheduled",
      })
      .returning(),
  );
  await writerForSetup(db)
    .insert(sites)
    .values({ conferenceId: conference.id, unitId: a.id, isMain: true, venue: `Hội trường Ánh Dương ${p}` });
  const person = await returnedRow(
    writerForSetup(db)
      .insert(people)
      .values({ fullName: `Người Ánh Dương ${p}`, searchName: `nguoi anh duong ${p}`, unitId: a.id })
      .returning(),
  );
  const account = await returnedRow(
    writerForSetup(db)
      .insert(users)
      .values({ username: `e2e.gop.${p}`, passwordHash: "x", fullName: "Cán bộ Ánh Dương", role: "viewer", unitId: a.id })
      .returning(),
  );

  await page.goto(`/admin/units/${a.id}#merge`);
  await page.getByLabel("Sáp nhập vào", { exact: true }).selectOption(String(b.id));
  await page.getByRole("button", { name: "Xem trước" }).click();
  await expect(page.getByTestId("merge-message")).toContainText(
    `Sẽ chuyển sang “Xã Bình Minh ${p}”: 1 hội nghị, 1 điểm cầu, 1 người, 1 tài khoản, 0 lịch đăng ký, 1 cơ quan, 0 đơn vị trực thuộc.`,
  );
  await page.getByRole("button", { name: "Xác nhận sáp nhập" }).click();
  await expect(page.getByTestId("merge-message")).toHaveText(`Đã sáp nhập vào “Xã Bình Minh ${p}”: 1 hội nghị, 1 người, 1 tài khoản đã được chuyển.`);

  expect(await firstRow(db.select().from(conferences).where(eq(conferences.id, conference.id)))).toMatchObject({ unitId: b.id, formerUnitId: a.id });
  expect((await firstRow(db.select().from(people).where(eq(people.id, person.id))))!.unitId).toBe(b.id);
  expect((await firstRow(db.select().from(users).where(eq(users.id, account.id))))!.unitId).toBe(b.id);
  expect((await firstRow(db.select().from(bodies).where(eq(bodies.id, bodyA.id))))!.unitId).toBe(b.id);
  expect(await unit("A")).toMatchObject({ mergedIntoId: b.id });

  // The tree says where A went; B's report shows the moved conference.
  await page.goto("/admin/units");
  await page.getByLabel("Hiện cả đơn vị đã giải thể").check();
  await page.getByLabel("Tìm đơn vị").fill(`anh duong moi ${p}`);
  await expect(page.getByTestId("unit-tree").locator(`[data-code="${p}-A"]`)).toContainText(`Đã sáp nhập vào Xã Bình Minh ${p}`);
  await page.goto(`/reports/units/${b.code}`);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByTestId("merged-from")).toContainText((await unit("A"))!.name);
  // A's own report (history) says where its conferences went, with a link there.
  await page.goto(`/reports/units/${(await unit("A"))!.code}`);
  await expect(page.getByTestId("merged-into")).toContainText(`Xã Bình Minh ${p}`);
  await page.getByTestId("merged-into").getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/reports/units/${b.code}`));
});

test("a refused unit form says why and keeps what was typed", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin/units/new");
  await page.getByLabel("Mã đơn vị").fill("51");
  await page.getByLabel("Tên đơn vị").fill("Xã Trùng Mã");
  await page.getByLabel("Loại đơn vị").selectOption({ label: "Xã" });
  await page.getByRole("button", { name: "Thêm đơn vị" }).click();
  await expect(page.getByText("Mã này đã có đơn vị khác dùng.")).toBeVisible();
  await expect(page.getByLabel("Tên đơn vị")).toHaveValue("Xã Trùng Mã");
});

test("a district's admin sees and changes only their own subtree", async ({ page }) => {
  const admin = await createAccount("admin", "535");
  await signIn(page, admin.username, admin.password);
  await page.goto("/admin/units");
  const tree = page.getByTestId("unit-tree");
  await expect(tree.locator('[data-code="535"]')).toBeVisible();
  await expect(tree.locator('[data-code="536"]')).toHaveCount(0);
  await expect(tree.locator('[data-code="51"]')).toHaveCount(0);
  // Their own unit cannot be retired or merged away; another district's page does not exist for them.
  await expect(tree.locator('[data-code="535"]').getByRole("button", { name: "Giải thể" })).toHaveCount(0);
  const response = await page.goto(`/admin/units/${await unitIdOf("536")}`);
  expect(response?.status()).toBe(404);
  // The new-unit form offers only units of their subtree as parents.
  await page.goto("/admin/units/new");
  const parents = await page.getByLabel("Trực thuộc").locator("option").allTextContents();
  expect(parents.some((p) => p.includes("Huyện Ba Tơ"))).toBe(true);
  expect(parents.some((p) => p.includes("Lý Sơn") || p.includes("Tỉnh Quảng Ngãi"))).toBe(false);
  // Unit kinds are the root admin's.
  await page.goto("/admin/units/kinds");
  await expect(page.getByText("Chỉ quản trị viên của đơn vị gốc sửa được loại đơn vị.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Thêm loại" })).toHaveCount(0);
});
