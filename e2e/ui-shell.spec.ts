import { expect, signIn, test } from "./fixtures";

test("the language switch changes the UI and persists", async ({ page }) => {
  await signIn(page, "admin");
  await expect(page.getByRole("heading", { name: "Tiến độ đợt học tập" })).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Study campaign progress" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link")).toHaveText([
    "Home",
    "Check-in",
    "Calendar",
    "Conferences",
    "Progress",
    "Reports",
    "People",
    "Administration",
    "Audit log",
    "Account",
  ]);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Study campaign progress" })).toBeVisible();
  // Dates stay dd/MM/yyyy in English too.
  await expect(page.getByText("Deadline: 31/03/2021")).toBeVisible();
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await expect(page.getByRole("heading", { name: "Tiến độ đợt học tập" })).toBeVisible();
});

test("the home page shows the campaign's progress and today's practice conference", async ({ page }) => {
  await signIn(page, "admin");
  await expect(page.getByTestId("campaign-progress")).toHaveText("Đã tổ chức 52/55 hội nghị bắt buộc (94,5%)");
  await expect(page.getByRole("link", { name: "Hội nghị thực hành điểm danh bằng mã QR (dữ liệu mẫu)" })).toBeVisible();
  // The seed opens the practice conference around the moment of seeding; its time shows as HH:mm, 24-hour.
  await expect(page.locator("#today-title ~ ul li").first()).toContainText(/\d{2}:\d{2}/);
});

test("the conference page shows the bridge points with their roll call", async ({ page }) => {
  await signIn(page, "admin");
  // The list shows today's first and the past latest first: the province's own are one filter away.
  await page.goto("/conferences");
  await page.getByLabel("Đơn vị").selectOption({ label: "Tỉnh Quảng Ngãi" });
  await page.getByRole("button", { name: "Lọc" }).click();
  await page
    .getByRole("link", { name: /cho cán bộ chủ chốt/ })
    .first()
    .click();
  await expect(page.getByTestId("conference-time")).toHaveText("07:30–17:00 03/03/2021");
  await expect(page.getByRole("heading", { name: "Điểm cầu (14)" })).toBeVisible();
  await expect(page.getByTestId("site-table").locator("tbody tr")).toHaveCount(14);
});

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the navigation opens from a menu button and works with the keyboard", async ({ page }) => {
    await signIn(page, "baocao.bato");
    const menu = page.getByRole("button", { name: "Trình đơn" });
    await expect(menu).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Điều hướng chính" })).toBeHidden();
    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Hội nghị", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Hội nghị", level: 1 })).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });

  test("the province's report reads on a phone: charts drawn for the width, unit cards one under another", async ({ page }) => {
    await signIn(page, "admin");
    await page.goto("/reports");
    await expect(page.getByTestId("rate-chart")).toBeHidden();
    await expect(page.getByTestId("rate-chart-narrow")).toBeVisible();
    await expect(page.getByTestId("heat-map-narrow")).toBeVisible();
    // Chart text at least 9 px on screen (the wide drawing scaled down was about 5 px).
    for (const chart of ["rate-chart-narrow", "heat-map-narrow"]) {
      const height = await page
        .getByTestId(chart)
        .locator("text.chart-label")
        .first()
        .evaluate((e) => e.getBoundingClientRect().height);
      expect(height, chart).toBeGreaterThanOrEqual(9);
    }
    const rows = await page
      .getByTestId("unit-rows")
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom })));
    expect(rows.length).toBeGreaterThan(10);
    for (let i = 1; i < rows.length; i++) expect(rows[i].top).toBeGreaterThanOrEqual(rows[i - 1].bottom - 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

test("at 1366 px the header keeps the language switch, sign-out and the full name on one line each", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, "tochuc.bato");
  for (const name of ["Tiếng Việt", "Đăng xuất"]) {
    // One line box for the label's text (two when "Tiếng / Việt" wrapped).
    const lines = await page.getByRole("button", { name, exact: true }).evaluate((e) => {
      const range = document.createRange();
      range.selectNodeContents(e);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(lines, name).toBe(1);
  }
  const name = page.getByTestId("user-box").locator(".user-name");
  await expect(name).toHaveText("Cán bộ Ban Tuyên giáo Huyện ủy Ba Tơ");
  expect(await name.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
});
