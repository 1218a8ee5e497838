import { expect, signIn, test, unitIdOf } from "./fixtures";

test("screens", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin");
  for (const [w, h] of [[1366, 900], [390, 844]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto("/admin/units");
    await page.getByRole("button", { name: "Mở tất cả" }).click();
    await page.screenshot({ path: `/tmp/units-shots/tree-${w}.png`, fullPage: false });
    await page.getByLabel("Tìm đơn vị").fill("ba to");
    await page.screenshot({ path: `/tmp/units-shots/search-${w}.png`, fullPage: false });
    await page.goto(`/admin/units/${unitIdOf("535")}`);
    await page.screenshot({ path: `/tmp/units-shots/edit-${w}.png`, fullPage: true });
    await page.goto("/admin/units/kinds");
    await page.screenshot({ path: `/tmp/units-shots/kinds-${w}.png`, fullPage: true });
    await page.goto("/admin/units/import");
    await page.getByLabel("Tệp danh sách đơn vị").setInputFiles({ name: "dv.csv", mimeType: "text/csv", buffer: Buffer.from("code,name,kind,parent code\nSC1,Xã Sơn Ca,xa,\nSC2,Xã Lỗi,khongco,\n535,Huyện Ba Tơ Mới,huyen,\n", "utf8") });
    await page.getByRole("button", { name: "Tải lên và xem trước" }).click();
    await expect(page.getByTestId("preview-summary")).toBeVisible();
    await page.screenshot({ path: `/tmp/units-shots/import-${w}.png`, fullPage: true });
  }
});
