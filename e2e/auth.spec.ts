import { writerForSetup } from "@/db/client";
import { loginAttempts } from "@/db/schema";
import { conferenceIdOf, createAccount, e2eDb, expect, signIn, test } from "./fixtures";

const NAV: Record<string, string[]> = {
  admin: ["Trang chủ", "Điểm danh", "Lịch", "Hội nghị", "Tiến độ", "Báo cáo", "Danh bạ", "Quản trị", "Nhật ký", "Tài khoản"],
  "tochuc.bato": ["Trang chủ", "Điểm danh", "Lịch", "Hội nghị", "Tiến độ", "Báo cáo", "Danh bạ", "Tài khoản"],
  diemdanh: ["Trang chủ", "Điểm danh", "Tài khoản"],
  "baocao.bato": ["Trang chủ", "Lịch", "Hội nghị", "Tiến độ", "Báo cáo", "Tài khoản"],
};
const ROLE_LABEL: Record<string, string> = {
  admin: "Quản trị",
  "tochuc.bato": "Cán bộ tổ chức",
  diemdanh: "Cán bộ điểm danh",
  "baocao.bato": "Cán bộ theo dõi, báo cáo",
};

test.describe("sign-in", () => {
  test("lists the demo accounts on the login page", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
    for (const username of Object.keys(NAV)) {
      await expect(page.getByRole("button", { name: `Dùng tài khoản ${username}` })).toBeVisible();
    }
    await expect(page.getByText("Mật khẩu chung: demo1234")).toBeVisible();
  });

  for (const [username, items] of Object.entries(NAV)) {
    test(`${username} signs in and sees its own navigation`, async ({ page }) => {
      await signIn(page, username);
      const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
      await expect(nav.getByRole("link")).toHaveText(items);
      await expect(page.getByTestId("user-role")).toHaveText(ROLE_LABEL[username]);
    });
  }

  test("a demo account button fills the form", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Dùng tài khoản baocao.bato" }).click();
    await expect(page.getByLabel("Tên đăng nhập")).toHaveValue("baocao.bato");
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Các hội nghị bắt buộc của Huyện Ba Tơ" })).toBeVisible();
  });

  test("a wrong password shows a clear error and no session", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Tên đăng nhập").fill("admin");
    await page.getByLabel("Mật khẩu", { exact: true }).fill("sai-mat-khau");
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await expect(page.getByTestId("login-error")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("repeated wrong passwords slow the account down with a plain message, never a long lock", async ({ page }) => {
    const { username, password } = await createAccount("viewer");
    await page.goto("/login");
    await page.getByLabel("Tên đăng nhập").fill(username);
    for (let i = 0; i < 3; i++) {
      await page.getByLabel("Mật khẩu", { exact: true }).fill(`sai-${i}`);
      await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
      await expect(page.getByTestId("login-error")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
    }
    // The fourth attempt comes too soon, even with the right password: a wait of seconds, said plainly.
    await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await expect(page.getByTestId("login-error")).toContainText(/Thử lại sau [12] giây\. Nếu vẫn không vào được, hãy nhờ quản trị viên mở khóa đăng nhập\./);
    // After the wait, the right password works.
    await page.waitForTimeout(2_100);
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await expect(page).toHaveURL(/\/$/);
  });

  test("an attacker's failures make the user wait at most seconds, and the admin can unlock sign-in", async ({ page, browser }) => {
    const { username, password } = await createAccount("viewer");
    // Someone else has just tried twelve passwords for this account.
    const now = Date.now();
    await writerForSetup(await e2eDb())
      .insert(loginAttempts)
      .values(Array.from({ length: 12 }, (_, i) => ({ username, address: null, attemptedAt: new Date(now - 12_000 + i * 1000) })));
    await page.goto("/login");
    await page.getByLabel("Tên đăng nhập").fill(username);
    await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await expect(page.getByTestId("login-error")).toContainText(/Thử lại sau (\d|[12]\d|30) giây/);

    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signIn(admin, "admin");
    await admin.goto("/admin/users");
    const row = admin.locator(`tr[data-username="${username}"]`);
    await expect(row.getByTestId("recent-failures")).toHaveText(/1[23] lần đăng nhập sai gần đây/);
    await row.getByRole("button", { name: "Mở khóa đăng nhập" }).click();
    await expect(row.getByRole("status")).toHaveText(`Đã mở khóa đăng nhập cho ${username}.`);
    await admin.reload();
    await expect(row.getByTestId("recent-failures")).toHaveCount(0);
    await expect(row.getByRole("button", { name: "Mở khóa đăng nhập" })).toHaveCount(0);
    await adminContext.close();

    // At once, no wait.
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await expect(page).toHaveURL(/\/$/);
  });

  test("signing out ends the session", async ({ page }) => {
    await signIn(page, "baocao.bato");
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect(page).toHaveURL(/\/login$/);
    const response = await page.request.get(`/api/conferences/${await conferenceIdOf("535", "propaganda")}`);
    expect(response.status()).toBe(401);
  });

  test("changing one's own password ends the session and the new one works", async ({ page }) => {
    const { username, password } = await createAccount("viewer", "535");
    await signIn(page, username, password);
    await page.getByRole("link", { name: "Tài khoản" }).click();
    await page.getByLabel("Mật khẩu hiện tại").fill("khong-dung");
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill("mat-khau-moi-99");
    await page.getByLabel("Nhập lại mật khẩu mới").fill("mat-khau-moi-99");
    await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await expect(page.getByText("Mật khẩu hiện tại không đúng.")).toBeVisible();

    await page.getByLabel("Mật khẩu hiện tại").fill(password);
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill("mat-khau-moi-99");
    await page.getByLabel("Nhập lại mật khẩu mới").fill("mat-khau-moi-99");
    await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await expect(page).toHaveURL(/\/login\?changed=1$/);
    await expect(page.getByText("Đã đổi mật khẩu. Vui lòng đăng nhập lại bằng mật khẩu mới.")).toBeVisible();
    await signIn(page, username, "mat-khau-moi-99");
  });
});
