/**
 * A province starts without SQL (issue 13): from an empty installation (DEMO=0),
 * the first admin is taken through the checklist, and every menu entry answers
 * with a page that says what to do, never a 404.
 */
import { expect, test, type Page } from "@playwright/test";
import { EMPTY_ADMIN, startEmptyInstall } from "./empty-install";

let app: Awaited<ReturnType<typeof startEmptyInstall>>;

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  test.setTimeout(120_000);
  app = await startEmptyInstall();
});
test.afterAll(() => app?.stop());

async function signInEmpty(page: Page, username: string = EMPTY_ADMIN.username, password: string = EMPTY_ADMIN.password) {
  await page.goto(`${app.base}/login`);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
}

test("on an empty installation the admin sees the checklist and every menu entry works", async ({ page }) => {
  await signInEmpty(page);
  const checklist = page.getByTestId("setup-checklist");
  await expect(checklist).toBeVisible();
  await expect(checklist.locator('[data-step="root"]')).toHaveAttribute("data-done", "1");
  await expect(checklist.locator('[data-step="units"]')).toHaveAttribute("data-done", "0");
  await expect(checklist.getByText("Làm tiếp")).toBeVisible();

  const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
  const hrefs = await nav.getByRole("link").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute("href")!));
  expect(hrefs.length).toBeGreaterThan(5);
  for (const href of hrefs) {
    const response = await page.goto(`${app.base}${href}`);
    expect(response?.status(), href).toBe(200);
    await expect(page.locator("h1").first(), href).toBeVisible();
  }
  await page.goto(`${app.base}/reports`);
  await expect(page.getByTestId("reports-empty")).toContainText("Chưa có đợt học tập nào");
});
