/**
 * A province starts without SQL (docs/decisions/0021): from an empty installation (DEMO=0),
 * the first admin is taken through the checklist, and every menu entry answers
 * with a page that says what to do, never a 404. Then the whole first run through
 * the UI only: units from a CSV, bodies from the templates, a campaign and its copy,
 * accounts in bulk, people; an organiser schedules and invites, the door scans one
 * letter, and the commune's report counts that person present.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
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

/** Today and other days in Vietnam's time (GMT+7, no summer time), as the forms type them. */
const VN_OFFSET_MS = 7 * 3_600_000;
const vnDate = (d: Date) => new Date(d.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10).split("-").reverse().join("/");
const vnTime = (d: Date) => new Date(d.getTime() + VN_OFFSET_MS).toISOString().slice(11, 16);
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000);

/** A new account's first sign-in: the one-time password leads to /account, where it chooses its own. */
async function firstSignIn(browser: Browser, username: string, oneTimePassword: string, ownPassword: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${app.base}/login`);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(oneTimePassword);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("must-change-password")).toBeVisible();
  await page.getByLabel("Mật khẩu hiện tại").fill(oneTimePassword);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill(ownPassword);
  await page.getByLabel("Nhập lại mật khẩu mới").fill(ownPassword);
  await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(page).toHaveURL(/\/$/);
  return { context, page };
}

test("a province starts without SQL: units, bodies, campaigns, accounts and people in the UI, then a conference is scheduled, scanned and reported", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  page.on("dialog", (dialog) => void dialog.accept());
  const base = app.base;

  // 1. The admin's home: the checklist, with the units still to do.
  await signInEmpty(page);
  const checklist = page.getByTestId("setup-checklist");
  await expect(checklist.locator('[data-step="root"]')).toHaveAttribute("data-done", "1");
  for (const step of ["units", "bodies", "campaign", "users", "people"])
    await expect(checklist.locator(`[data-step="${step}"]`)).toHaveAttribute("data-done", "0");

  // 2. Units from the province's list: preview, commit; the same file again changes nothing.
  const unitsCsv = fs.readFileSync(path.join("e2e", "corpus", "units-first-run.csv"));
  const uploadUnits = async () => {
    await page.goto(`${base}/admin/units/import`);
    await page.getByLabel("Tệp danh sách đơn vị").setInputFiles({ name: "units-first-run.csv", mimeType: "text/csv", buffer: unitsCsv });
    // Each line names its parent (the root, 99): the default parent is left as it is.
    await expect(page.getByLabel("Đơn vị cấp trên mặc định")).toBeVisible();
    await page.getByRole("button", { name: "Tải lên và xem trước" }).click();
  };
  await uploadUnits();
  await expect(page.getByTestId("preview-summary")).toHaveText("5 đơn vị mới, 0 đơn vị được cập nhật, 0 không đổi, 0 dòng lỗi.");
  await page.getByRole("button", { name: "Nhập 5 thay đổi" }).click();
  await expect(page.getByTestId("import-done")).toHaveText("Đã nhập: 5 đơn vị mới, 0 đơn vị được cập nhật, 0 không đổi.");
  await uploadUnits();
  await expect(page.getByTestId("preview-summary")).toHaveText("0 đơn vị mới, 0 đơn vị được cập nhật, 5 không đổi, 0 dòng lỗi.");
  await expect(page.getByText("Không có gì thay đổi: danh sách đã khớp với cây đơn vị.")).toBeVisible();
  await page.goto(`${base}/admin/units`);
  const tree = page.getByTestId("unit-tree");
  await expect(tree.locator("li", { has: page.locator('[data-code="99"]') }).locator('[data-code="99005"]')).toBeVisible();

  // 3. Bodies from the templates: all communes of a kind in one click, then one unit on its own.
  await page.goto(`${base}/admin/bodies`);
  const bulk = page.getByTestId("bulk-template");
  await bulk.getByRole("button", { name: "Tạo cho 2 đơn vị loại “Xã”" }).click();
  await expect(bulk.getByText(/^Đã tạo \d+ cơ quan cho 2 đơn vị, bỏ qua 0 cơ quan đã có\.$/)).toBeVisible();
  await bulk.getByRole("button", { name: "Tạo cho 2 đơn vị loại “Phường”" }).click();
  await expect(bulk.getByText(/^Đã tạo \d+ cơ quan cho 2 đơn vị, bỏ qua 0 cơ quan đã có\.$/)).toBeVisible();
  const special = page.locator('section[data-unit-code="99005"]');
  await special.getByRole("button", { name: "Tạo các cơ quan theo mẫu", exact: true }).click();
  await expect(special.getByText(/^Đã tạo \d+ cơ quan, bỏ qua 0 cơ quan đã có\.$/)).toBeVisible();
  const commune = page.locator('section[data-unit-code="99001"]');
  await expect(commune.locator("tbody tr", { hasText: "Ban Thường vụ Đảng ủy xã Sơn Thủy" })).toBeVisible();
  await expect(page.locator('section[data-unit-code="99003"]').locator("tbody tr", { hasText: "Ban Thường vụ Đảng ủy phường Nam Sơn" })).toBeVisible();

  // 4. A campaign with requirements for the three commune kinds…
  const firstTitle = "Học tập, quán triệt Nghị quyết Đại hội Đảng bộ tỉnh lần thứ I";
  await page.goto(`${base}/admin/campaigns/new`);
  await expect(page.getByLabel("Sao chép yêu cầu từ")).toHaveValue("");
  await page.getByLabel("Tên đợt học tập").fill(firstTitle);
  await page.getByLabel("Nghị quyết được học tập, quán triệt").fill("Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ I, nhiệm kỳ 2025-2030");
  await page.getByLabel("Nhiệm kỳ").fill("2025-2030");
  await page.getByLabel("Ngày bắt đầu").fill(vnDate(daysFromNow(-60)));
  await page.getByLabel("Thời hạn hoàn thành").fill(vnDate(daysFromNow(30)));
  await page.getByRole("button", { name: "Tạo đợt học tập" }).click();
  await expect(page).toHaveURL(/\/admin\/campaigns\/\d+\?created=1$/);
  const kinds = ["Xã", "Phường", "Đặc khu"];
  for (const [i, kind] of kinds.entries()) {
    const n = i + 1;
    await page.getByRole("button", { name: "Thêm yêu cầu" }).click();
    await page.getByLabel(`Loại đơn vị – Dòng ${n}`, { exact: true }).selectOption({ label: kind });
    await page.getByLabel(`Cơ quan tổ chức – Dòng ${n}`, { exact: true }).selectOption({ label: "Ban Thường vụ" });
    await page.getByLabel(`Tên hội nghị – Dòng ${n}`, { exact: true }).fill(`Hội nghị quán triệt Nghị quyết Đại hội Đảng bộ tỉnh (${kind.toLowerCase()})`);
  }
  await page.getByRole("button", { name: "Xem trước thay đổi" }).click();
  await expect(page.getByTestId("requirements-preview").locator('tr[data-change="added"]')).toHaveCount(3);
  await page.getByRole("button", { name: "Lưu yêu cầu" }).click();
  await expect(page.getByTestId("requirements-result")).toContainText("Đã lưu 3 yêu cầu.");

  // … and the next one, copied from it and edited: the one the commune will fulfil.
  const campaignTitle = "Học tập, quán triệt Nghị quyết Đại hội XIV của Đảng";
  const requirementTitle = "Hội nghị học tập, quán triệt Nghị quyết Đại hội XIV của Đảng (cấp xã)";
  await page.goto(`${base}/admin/campaigns/new`);
  await page.getByLabel("Sao chép yêu cầu từ").selectOption({ label: `Sao chép từ đợt «${firstTitle}»` });
  await page.getByLabel("Tên đợt học tập").fill(campaignTitle);
  await page.getByLabel("Nghị quyết được học tập, quán triệt").fill("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng");
  await page.getByLabel("Nhiệm kỳ").fill("2026-2031");
  await page.getByLabel("Ngày bắt đầu").fill(vnDate(daysFromNow(-1)));
  await page.getByLabel("Thời hạn hoàn thành").fill(vnDate(daysFromNow(120)));
  await page.getByRole("button", { name: "Tạo đợt học tập" }).click();
  await expect(page).toHaveURL(/\/admin\/campaigns\/\d+\?created=1$/);
  await expect(page.getByTestId("requirement-row")).toHaveCount(3);
  await expect(page.getByLabel("Loại đơn vị – Dòng 1", { exact: true })).toHaveValue("xa");
  await page.getByLabel("Tên hội nghị – Dòng 1", { exact: true }).fill(requirementTitle);
  await page.getByRole("button", { name: "Xem trước thay đổi" }).click();
  await expect(page.getByTestId("requirements-preview").locator('tr[data-change="changed"]')).toContainText(requirementTitle);
  await page.getByRole("button", { name: "Lưu yêu cầu" }).click();
  await expect(page.getByTestId("requirements-result")).toContainText("Đã lưu 3 yêu cầu.");
  await page.goto(`${base}/admin/campaigns`);
  await page.getByLabel("Đợt học tập đang xem").selectOption({ label: campaignTitle });
  await page.getByRole("button", { name: "Chọn", exact: true }).click();
  await expect(page.getByText(`Đang xem đợt «${campaignTitle}».`)).toBeVisible();

  // 5. Accounts in bulk for Sơn Thủy: its standing committee's organiser, a door account, a viewer.
  const accounts = { organiser: "tochuc.sonthuy", door: "diemdanh.sonthuy", viewer: "baocao.sonthuy" };
  const usersCsv = [
    "Tên đăng nhập,Họ và tên,Vai trò,Mã đơn vị,Cơ quan,Điểm cầu",
    `${accounts.organiser},Trần Văn Tổ,Cán bộ tổ chức,99001,Ban Thường vụ Đảng ủy xã Sơn Thủy,`,
    `${accounts.door},Lê Thị Cửa,Cán bộ điểm danh,99001,,`,
    `${accounts.viewer},Phạm Văn Xem,"Cán bộ theo dõi, báo cáo",99001,,`,
  ].join("\n");
  await page.goto(`${base}/admin/users/import`);
  await page.getByLabel("Tệp danh sách").setInputFiles({ name: "tai-khoan.csv", mimeType: "text/csv", buffer: Buffer.from(usersCsv, "utf8") });
  await page.getByRole("button", { name: "Xem trước" }).click();
  await expect(page.getByTestId("preview-counts")).toHaveText("3 dòng hợp lệ, 0 dòng có lỗi (sẽ bỏ qua).");
  await page.getByRole("button", { name: "Tạo 3 tài khoản" }).click();
  const created = page.getByTestId("created-accounts");
  await expect(created).toBeVisible();
  const oneTime = async (username: string) =>
    (await created.locator(`tr[data-username="${username}"] [data-testid="one-time-password"]`).textContent())!.trim();
  const passwords = { organiser: await oneTime(accounts.organiser), door: await oneTime(accounts.door), viewer: await oneTime(accounts.viewer) };
  for (const p of Object.values(passwords)) expect(p).toMatch(/^[A-Z2-9]{10}$/);

  // 6. People of Sơn Thủy from a file.
  const peopleCsv = [
    "Họ và tên,Chức vụ,Nơi công tác,Số điện thoại,Đảng viên",
    "Nguyễn Văn Bình,Bí thư Chi bộ,Thôn Gò Da,0905111001,x",
    "Trần Thị Hoa,Trưởng thôn,Thôn An Phú,0905111002,x",
    "Võ Minh Tâm,Giáo viên,Trường THCS Sơn Thủy,0905111003,",
  ].join("\r\n");
  await page.goto(`${base}/people/import`);
  await page.getByLabel("Tệp danh sách").setInputFiles({ name: "nguoi-son-thuy.csv", mimeType: "text/csv", buffer: Buffer.from(peopleCsv, "utf8") });
  await page.getByLabel("Nhập vào đơn vị").selectOption({ label: "Xã Sơn Thủy" });
  await page.getByRole("button", { name: "Tải lên và xem trước" }).click();
  await expect(page.getByTestId("preview-summary")).toHaveText("3 dòng: 3 dòng hợp lệ sẽ được nhập, 0 dòng lỗi sẽ bị bỏ qua.");
  await page.getByRole("button", { name: "Nhập 3 người" }).click();
  await expect(page.getByTestId("import-message")).toHaveText("Đã nhập: 3 người mới, 0 người được cập nhật theo mã, 0 dòng lỗi bỏ qua.");

  // Every step of the checklist is done: it leaves the home page.
  await page.goto(`${base}/`);
  await expect(page.getByTestId("setup-checklist")).toHaveCount(0);

  // 7. The organiser: first sign-in, a conference open now that fulfils the requirement, the door account, invitations.
  const organiser = await firstSignIn(browser, accounts.organiser, passwords.organiser, "mat-khau-to-chuc-1");
  const op = organiser.page;
  const startsAt = new Date(Math.floor((Date.now() - 30 * 60_000) / 300_000) * 300_000);
  const endsAt = new Date(startsAt.getTime() + 3 * 3_600_000);
  const conferenceTitle = "Hội nghị học tập, quán triệt Nghị quyết Đại hội XIV của Đảng – xã Sơn Thủy";
  const venue = "Hội trường Đảng ủy xã Sơn Thủy";
  await op.goto(`${base}/conferences/new`);
  await op.getByLabel("Đợt học tập", { exact: true }).selectOption({ label: campaignTitle });
  await op.getByLabel("Cơ quan tổ chức").selectOption({ label: "Ban Thường vụ Đảng ủy xã Sơn Thủy" });
  await op.getByLabel("Đáp ứng yêu cầu của đợt học tập").selectOption({ label: requirementTitle });
  await op.getByLabel("Tên hội nghị").fill(conferenceTitle);
  await op.getByLabel("Ngày bắt đầu").fill(vnDate(startsAt));
  await op.getByLabel("Giờ bắt đầu").fill(vnTime(startsAt));
  await op.getByLabel("Ngày kết thúc").fill(vnDate(endsAt));
  await op.getByLabel("Giờ kết thúc").fill(vnTime(endsAt));
  await op.getByLabel("Địa điểm chính (hội trường)").fill(venue);
  await op.getByLabel("Người liên hệ").fill("Đồng chí Chánh Văn phòng Đảng ủy xã");
  await op.getByRole("button", { name: "Tạo hội nghị" }).click();
  await expect(op.getByText("Đã lưu hội nghị.")).toBeVisible();
  const conferenceId = Number(new URL(op.url()).pathname.split("/")[2]);
  expect(conferenceId).toBeGreaterThan(0);

  await op.goto(`${base}/conferences/${conferenceId}/edit`);
  const mainSite = op.getByTestId("site-list").locator("li", { hasText: venue });
  await mainSite.locator("summary", { hasText: "Sửa" }).click();
  await mainSite.getByLabel(`Lê Thị Cửa (${accounts.door})`).check();
  await mainSite.getByRole("button", { name: "Lưu điểm cầu" }).click();
  await expect(mainSite.getByText("Đã lưu điểm cầu.")).toBeVisible();
  await expect(mainSite).toContainText("Điểm danh: Lê Thị Cửa");

  await op.goto(`${base}/conferences/${conferenceId}/invitations`);
  await op.getByRole("button", { name: "Thêm theo bộ lọc" }).click();
  await expect(op.getByText("Đã thêm 3 đại biểu.")).toBeVisible();
  await op.getByRole("button", { name: "Phát hành giấy mời (3)" }).click();
  await expect(op.getByText("Đã phát hành 3 giấy mời.")).toBeVisible();
  await expect(op.getByTestId("invitation-counts")).toHaveText("3 đã phát hành · 0 chưa phát hành · 0 đã thu hồi");
  // The token of one letter, from the organiser's export (what the QR carries).
  const exported = (await (await op.request.get(`${base}/api/conferences/${conferenceId}/invitations.csv`)).text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  const tokenColumn = exported[0].split(",").indexOf("Mã QR");
  const guest = exported.slice(1).find((line) => line.startsWith("Trần Thị Hoa,"))!;
  const token = guest.split(",")[tokenColumn];
  expect(token).toMatch(/^[A-Z2-7]{20,}$/);
  await organiser.context.close();

  // 8. The door account: first sign-in, its site, one letter through the hardware scanner: green.
  const door = await firstSignIn(browser, accounts.door, passwords.door, "mat-khau-diem-danh-1");
  await door.page.goto(`${base}/checkin`);
  await door.page
    .getByTestId("scan-sites")
    .getByRole("link", { name: new RegExp(venue) })
    .click();
  await expect(door.page).toHaveURL(/\/checkin\/\d+$/);
  const scanner = door.page.getByLabel("Mã từ máy quét");
  await scanner.fill(token);
  await scanner.press("Enter");
  await expect(door.page.getByTestId("verdict")).toHaveAttribute("data-verdict", "ok");
  await expect(door.page.getByTestId("verdict")).toContainText("Trần Thị Hoa");
  await door.context.close();

  // 9. The viewer: first sign-in, then Sơn Thủy's report shows the conference with one present.
  const viewer = await firstSignIn(browser, accounts.viewer, passwords.viewer, "mat-khau-bao-cao-1");
  await viewer.page.goto(`${base}/reports/units/99001`);
  await expect(viewer.page.getByRole("heading", { level: 1 })).toContainText("Xã Sơn Thủy");
  const row = viewer.page.getByTestId("conference-figures").locator("tr", { hasText: conferenceTitle });
  await expect(row.locator('td[data-label="Được mời"]')).toHaveText("3");
  await expect(row.locator('td[data-label="Có mặt"]')).toHaveText("1");
  // The campaign's requirement for the commune is met by it (the copied, edited one).
  await expect(viewer.page.getByTestId("unit-progress").locator("li", { hasText: requirementTitle })).toContainText(/Đã lên lịch|Đã tổ chức/);
  await viewer.context.close();
});
