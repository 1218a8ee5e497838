import { firstRow } from "@/db/client";
/**
 * Campaign administration through the UI: copy the demo campaign into a new
 * one, edit and add requirements with a preview of the board, save, choose it
 * as the current campaign and see the board follow, then switch back. A fresh
 * root admin does it (the current campaign is per user), and the copy starts
 * in 2099 and is archived at the end, so no other test's "current campaign" moves.
 */
import { eq } from "drizzle-orm";
import { campaignRequirements, campaigns, conferences } from "@/db/schema";
import { getCurrentCampaign } from "@/lib/campaigns/current-campaign";
import { createAccount, e2eDb, expect, signIn, test } from "./fixtures";

test("a root admin copies a campaign, edits its requirements with a preview, and makes it their current campaign", async ({ page }) => {
  test.setTimeout(90_000);
  const db = await e2eDb();
  const demo = (await getCurrentCampaign(db, null))!;
  const demoRequirements = await db.select().from(campaignRequirements).where(eq(campaignRequirements.campaignId, demo.id));
  const admin = await createAccount("admin");
  const title = `Đợt học tập thử ${process.pid}-${Date.now() % 100000}`;
  page.on("dialog", (dialog) => void dialog.accept());
  await signIn(page, admin.username, admin.password);

  // A copy of the demo campaign (offered first, as the usual case).
  await page.goto("/admin/campaigns");
  await expect(page.getByTestId("campaign-table")).toContainText(demo.title);
  await page.getByRole("link", { name: "Tạo đợt học tập" }).click();
  await expect(page.getByLabel("Sao chép yêu cầu từ")).toHaveValue(String(demo.id));
  await page.getByLabel("Tên đợt học tập").fill(title);
  await page.getByLabel("Nghị quyết được học tập, quán triệt").fill("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ I, nhiệm kỳ 2025-2030");
  await page.getByLabel("Nhiệm kỳ").fill("2025-2030");
  await page.getByLabel("Ngày bắt đầu").fill("01/01/2099");
  await page.getByLabel("Thời hạn hoàn thành").fill("30/06/2099");
  await page.getByRole("button", { name: "Tạo đợt học tập" }).click();
  await expect(page).toHaveURL(/\/admin\/campaigns\/\d+\?created=1$/);
  const copyId = Number(/campaigns\/(\d+)/.exec(page.url())![1]);
  await expect(page.getByText("Đã tạo đợt học tập.")).toBeVisible();
  const rows = page.getByTestId("requirement-row");
  await expect(rows).toHaveCount(demoRequirements.length);

  // Edit the first requirement's title, add one for every district-level unit of kind "Huyện", preview.
  const firstTitle = page.getByLabel("Tên hội nghị – Dòng 1", { exact: true });
  const edited = `${await firstTitle.inputValue()} (đã sửa)`;
  await firstTitle.fill(edited);
  await page.getByRole("button", { name: "Thêm yêu cầu" }).click();
  const n = demoRequirements.length + 1;
  await page.getByLabel(`Loại đơn vị – Dòng ${n}`, { exact: true }).selectOption({ label: "Huyện" });
  await page.getByLabel(`Cơ quan tổ chức – Dòng ${n}`, { exact: true }).selectOption({ label: "Ban Tuyên giáo và Dân vận" });
  await page.getByLabel(`Tên hội nghị – Dòng ${n}`, { exact: true }).fill("Hội nghị chuyên đề dân vận (thử)");
  await page.getByLabel(`Hạn riêng – Dòng ${n}`, { exact: true }).fill("31/03/2099");
  await page.getByRole("button", { name: "Xem trước thay đổi" }).click();
  const preview = page.getByTestId("requirements-preview");
  await expect(preview.locator('tr[data-change="added"]')).toContainText("Hội nghị chuyên đề dân vận (thử)");
  await expect(preview.locator('tr[data-change="changed"]')).toContainText(edited);
  await expect(page.getByTestId("requirements-result")).toContainText("chưa có gì được lưu");
  // Nothing saved by the preview.
  expect(await db.select().from(campaignRequirements).where(eq(campaignRequirements.campaignId, copyId))).toHaveLength(demoRequirements.length);

  await page.getByRole("button", { name: "Lưu yêu cầu" }).click();
  await expect(page.getByTestId("requirements-result")).toContainText(`Đã lưu ${n} yêu cầu.`);
  await expect(rows).toHaveCount(n);
  const saved = await db.select().from(campaignRequirements).where(eq(campaignRequirements.campaignId, copyId));
  expect(saved.map((r) => r.title)).toEqual(expect.arrayContaining([edited, "Hội nghị chuyên đề dân vận (thử)"]));
  expect(saved.find((r) => r.title === "Hội nghị chuyên đề dân vận (thử)")).toMatchObject({
    unitKind: "huyen",
    bodyKind: "propaganda_mass_mobilisation",
    dueDate: "2099-03-31",
  });

  // Rotate the new campaign's key: the old one is listed as retired, still valid.
  const keyBefore = await page.getByTestId("current-key").textContent();
  await page.getByRole("button", { name: "Đổi khóa" }).click();
  await expect(page.getByText("Đã đổi khóa.")).toBeVisible();
  await expect(page.getByTestId("current-key")).not.toHaveText(keyBefore!);
  await expect(page.getByText("Giấy mời ký bằng khóa này vẫn hợp lệ")).toBeVisible();

  // Choose it as the current campaign: the board follows.
  await page.goto("/admin/campaigns");
  await page.getByLabel("Đợt học tập đang xem").selectOption({ label: title });
  await page.getByRole("button", { name: "Chọn", exact: true }).click();
  await expect(page.getByText(`Đang xem đợt «${title}».`)).toBeVisible();
  await page.goto("/board");
  await expect(page.locator(".campaign-name")).toHaveText(title);
  await expect(page.getByTestId("board-totals")).toContainText("Đã tổ chức 0/");
  // Switch back from the board itself.
  await page.getByLabel("Đợt học tập đang xem").selectOption({ label: demo.title });
  await page.getByRole("button", { name: "Chọn", exact: true }).click();
  await expect(page.locator(".campaign-name")).toHaveText(demo.title);

  // Removing a requirement of the demo campaign that conferences fulfil is refused, naming them (preview only: nothing saved).
  const fulfilled = (await db.select({ requirementId: conferences.requirementId }).from(conferences).where(eq(conferences.campaignId, demo.id))).find(
    (c) => c.requirementId,
  )!.requirementId!;
  const fulfilledIndex = (await db.select().from(campaignRequirements).where(eq(campaignRequirements.campaignId, demo.id)))
    .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id)
    .findIndex((r) => r.id === fulfilled);
  await page.goto(`/admin/campaigns/${demo.id}`);
  await page.getByRole("button", { name: `Bỏ dòng – Dòng ${fulfilledIndex + 1}`, exact: true }).click();
  await page.getByRole("button", { name: "Xem trước thay đổi" }).click();
  await expect(page.getByTestId("requirements-result")).toContainText("Không thể bỏ yêu cầu");
  await expect(page.getByTestId("requirements-preview").locator('tr[data-change="removed"]')).toHaveCount(1);
  expect(await db.select().from(campaignRequirements).where(eq(campaignRequirements.campaignId, demo.id))).toHaveLength(demoRequirements.length);

  // Archive the copy: it leaves the selector.
  await page.goto("/admin/campaigns");
  const row = page.locator(`tr[data-campaign-id="${copyId}"]`);
  await row.getByRole("button", { name: "Lưu trữ" }).click();
  await expect(row.getByText("Đã lưu trữ", { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Đợt học tập đang xem").locator("option", { hasText: title })).toHaveCount(0);
  expect((await firstRow(db.select().from(campaigns).where(eq(campaigns.id, copyId))))!.archivedAt).not.toBeNull();
});

test("a district admin sees the campaigns but cannot open the editor", async ({ page }) => {
  const admin = await createAccount("admin", "536");
  await signIn(page, admin.username, admin.password);
  await page.goto("/admin/campaigns");
  await expect(page.getByText("Chỉ quản trị viên cấp tỉnh được tạo và sửa đợt học tập.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Tạo đợt học tập" })).toHaveCount(0);
  const response = await page.goto("/admin/campaigns/new");
  expect(response?.status()).toBe(404);
});
