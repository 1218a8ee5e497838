import { expect, signIn, test } from "./fixtures";

test("the admin creates an organiser, resets a password and disables the account", async ({ page, browser }) => {
  const username = `tochuc.lyson.${Date.now() % 100000}`;
  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Quản trị" }).click();
  await page.getByTestId("admin-hub").getByRole("link", { name: "Người dùng" }).click();

  // A refused form keeps what was typed and says why.
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Họ và tên").fill("Cán bộ Ban Tuyên giáo Huyện ủy Lý Sơn");
  await page.getByLabel("Vai trò").selectOption({ label: "Cán bộ tổ chức" });
  await page.getByLabel("Đơn vị").selectOption({ label: "Huyện Lý Sơn" });
  await page.getByLabel("Mật khẩu ban đầu").fill("mat-khau-1");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByText("Cán bộ tổ chức phải thuộc một cơ quan tổ chức.")).toBeVisible();
  await expect(page.getByLabel("Tên đăng nhập")).toHaveValue(username);

  await page.getByLabel("Cơ quan tổ chức").selectOption({ label: "Ban Tuyên giáo Huyện ủy Lý Sơn" });
  await page.getByLabel("Mật khẩu ban đầu").fill("mat-khau-1");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByText(`Đã tạo tài khoản ${username}.`)).toBeVisible();
  const row = page.locator(`tr[data-username="${username}"]`);
  await expect(row).toContainText("Ban Tuyên giáo Huyện ủy Lý Sơn");

  // A reset gives a one-time password, shown once, that must be changed at the next sign-in.
  await row.getByRole("button", { name: "Đặt lại mật khẩu" }).click();
  await expect(row.getByTestId("row-message")).toContainText(`Đã đặt lại mật khẩu cho ${username}. Mật khẩu dùng một lần:`);
  const oneTime = /Mật khẩu dùng một lần: ([A-Z2-9]{10})/.exec((await row.getByTestId("row-message").textContent()) ?? "")![1];

  const other = await browser.newPage();
  await other.goto("/login");
  await other.getByLabel("Tên đăng nhập").fill(username);
  await other.getByLabel("Mật khẩu", { exact: true }).fill(oneTime);
  await other.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await expect(other).toHaveURL(/\/account$/);
  await expect(other.getByTestId("user-role")).toHaveText("Cán bộ tổ chức");
  await other.getByLabel("Mật khẩu hiện tại").fill(oneTime);
  await other.getByLabel("Mật khẩu mới", { exact: true }).fill("mat-khau-2");
  await other.getByLabel("Nhập lại mật khẩu mới").fill("mat-khau-2");
  await other.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(other).toHaveURL(/\/$/);

  // Disabling asks first and says it can be undone; enabling needs no confirmation.
  await row.getByRole("button", { name: "Khóa", exact: true }).click();
  await expect(row.getByRole("group", { name: `Khóa tài khoản ${username}` })).toContainText("Mở khóa lại được bất cứ lúc nào.");
  await row.getByRole("button", { name: "Xác nhận khóa" }).click();
  await expect(row.getByText("Đã khóa", { exact: true })).toBeVisible();

  // The open session ends at once, and signing in again says the account is disabled.
  await other.reload();
  await expect(other).toHaveURL(/\/login$/);
  await other.getByLabel("Tên đăng nhập").fill(username);
  await other.getByLabel("Mật khẩu", { exact: true }).fill("mat-khau-2");
  await other.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await expect(other.getByTestId("login-error")).toHaveText("Tài khoản này đã bị khóa. Vui lòng liên hệ quản trị viên.");
  await other.close();
});
