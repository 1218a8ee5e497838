import { returnedRow, firstRow, writerForSetup } from "@/db/client";
/**
 * Accounts (docs/decisions/0018): bulk creation from a CSV with one-time passwords, the forced
 * password change at first sign-in, and delegated administration (an admin of
 * one throw-away unit can neither read nor change another unit's accounts or
 * people, through pages or by posting the actions directly).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { bodies, people, units, users } from "@/db/schema";
import { E2E_BASE_URL } from "./e2e-env";
import { createAccount, e2eDb, expect, signIn, test, testUnitKind } from "./fixtures";

let seq = 0;
/** A unit of its own under the province, of a kind no campaign requires (the board does not change). */
async function throwAwayUnit(label: string) {
  const db = await e2eDb();
  const code = `acc${process.pid % 10000}${Date.now() % 100000}${++seq}`;
  const province = (await firstRow(db.select().from(units).where(eq(units.code, "51"))))!;
  const unit = await returnedRow(
    writerForSetup(db)
      .insert(units)
      .values({ code, name: `Xã thử ${label} ${code}`, kind: await testUnitKind(), placeName: `Thử ${label}`, parentId: province.id, sortOrder: 997 })
      .returning(),
  );
  const body = await returnedRow(
    writerForSetup(db)
      .insert(bodies)
      .values({ unitId: unit.id, kind: "propaganda", name: `Ban Tuyên giáo thử ${code}`, symbol: `BTG${code}`.toUpperCase() })
      .returning(),
  );
  return { unit, body };
}

/** Sign in without expecting home: a new account is taken to /account first. */
async function signInAnywhere(page: Page, username: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
}

test("bulk-created accounts get one-time passwords and must choose their own at first sign-in", async ({ page, browser }) => {
  const { unit, body } = await throwAwayUnit("tài khoản");
  const stamp = `${process.pid % 10000}${Date.now() % 100000}`;
  const viewer = `xem.${stamp}`;
  const organiser = `tochuc.${stamp}`;
  const csv = `Tên đăng nhập,Họ và tên,Vai trò,Mã đơn vị,Cơ quan,Điểm cầu\n${viewer},Nguyễn Thị Xem,"Cán bộ theo dõi, báo cáo",${unit.code},,\n${organiser},Trần Văn Tổ Chức,Cán bộ tổ chức,${unit.code},${body.symbol},\nadmin,Trùng Tên,viewer,${unit.code},,\n`;

  await signIn(page, "admin");
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Tạo tài khoản hàng loạt từ tệp" }).click();
  await expect(page).toHaveURL(/\/admin\/users\/import$/);
  await page.getByLabel("Tệp danh sách").setInputFiles({ name: "tai-khoan.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Xem trước" }).click();
  await expect(page.getByTestId("preview-counts")).toHaveText("2 dòng hợp lệ, 1 dòng có lỗi (sẽ bỏ qua).");
  await expect(page.locator('tr[data-line="4"]')).toContainText("Tên đăng nhập đã có người dùng.");
  await page.getByRole("button", { name: "Tạo 2 tài khoản" }).click();

  const created = page.getByTestId("created-accounts");
  await expect(created).toBeVisible();
  await expect(page.getByRole("button", { name: "In danh sách" })).toBeVisible();
  const viewerPassword = (await created.locator(`tr[data-username="${viewer}"] [data-testid="one-time-password"]`).textContent())!.trim();
  const organiserPassword = (await created.locator(`tr[data-username="${organiser}"] [data-testid="one-time-password"]`).textContent())!.trim();
  expect(viewerPassword).toMatch(/^[A-Z2-9]{10}$/);
  expect(organiserPassword).not.toBe(viewerPassword);
  await expect(created.locator(`tr[data-username="${organiser}"]`)).toContainText(body.name);
  // Stored hashed, flagged; never in clear.
  const row = (await firstRow((await e2eDb()).select().from(users).where(eq(users.username, viewer))))!;
  expect(row.mustChangePassword).toBe(true);
  expect(row.passwordHash).not.toContain(viewerPassword);
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.screenshot({ path: "test-results/admin-accounts-created.png", fullPage: true });

  // The new account is taken to /account by every page until it picks its own password.
  const context = await browser.newContext();
  const other = await context.newPage();
  await signInAnywhere(other, viewer, viewerPassword);
  await expect(other).toHaveURL(/\/account$/);
  await expect(other.getByTestId("must-change-password")).toBeVisible();
  await other.goto("/calendar");
  await expect(other).toHaveURL(/\/account$/);
  await other.setViewportSize({ width: 390, height: 844 });
  await other.screenshot({ path: "test-results/admin-accounts-must-change.png", fullPage: true });
  await other.getByLabel("Mật khẩu hiện tại").fill(viewerPassword);
  await other.getByLabel("Mật khẩu mới", { exact: true }).fill("mat-khau-rieng-123");
  await other.getByLabel("Nhập lại mật khẩu mới").fill("mat-khau-rieng-123");
  await other.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(other).toHaveURL(/\/$/);
  await expect(other.getByTestId("user-box")).toContainText("Nguyễn Thị Xem");
  expect((await firstRow((await e2eDb()).select().from(users).where(eq(users.username, viewer))))!.mustChangePassword).toBe(false);
  await other.goto("/calendar");
  await expect(other).toHaveURL(/\/calendar/);
  await context.close();
});

// ---------------------------------------------------------------------------------------------

type Manifest = { node: Record<string, { exportedName: string; workers: Record<string, unknown> }> };

/** Posts a server action as the browser does, with a (previous state, form) or form-only signature; returns the answer's text. */
async function postAction(page: Page, name: string, fields: Record<string, string | number>): Promise<string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), ".next", "server", "server-reference-manifest.json"), "utf8")) as Manifest;
  const [id, entry] = Object.entries(manifest.node).find(([, e]) => e.exportedName === name)!;
  const worker = Object.keys(entry.workers)[0];
  const route = `/${worker
    .replace(/^app\//, "")
    .replace(/\/page$/, "")
    .split("/")
    .filter((s) => !s.startsWith("("))
    .join("/")}`.replace(/\[id\]/, "1");
  const require = createRequire(import.meta.url);
  const { encodeReply } = require("next/dist/compiled/react-server-dom-turbopack/client.edge.js") as {
    encodeReply: (v: unknown) => Promise<FormData | string>;
  };
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, String(v));
  const body = await encodeReply(id.startsWith("40") ? [form] : [{ ok: false }, form]);
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const response = await fetch(`${E2E_BASE_URL}${route}`, {
    method: "POST",
    headers: { "next-action": id, origin: E2E_BASE_URL, accept: "text/x-component", cookie },
    body,
    redirect: "manual",
  });
  expect(response.status).toBeLessThan(500);
  return response.text();
}

test("an admin of one unit can neither read nor change another unit's accounts and people", async ({ page }) => {
  const db = await e2eDb();
  const mine = await throwAwayUnit("A");
  const theirs = await throwAwayUnit("B");
  const admin = await createAccount("admin", mine.unit.code);
  const ownViewer = await createAccount("viewer", mine.unit.code);
  const victim = await createAccount("viewer", theirs.unit.code);
  const victimRow = (await firstRow(db.select().from(users).where(eq(users.username, victim.username))))!;
  const ownRow = (await firstRow(db.select().from(users).where(eq(users.username, ownViewer.username))))!;
  const theirPerson = await returnedRow(
    writerForSetup(db)
      .insert(people)
      .values({ fullName: `Người Xã Bên ${theirs.unit.code}`, searchName: `nguoi xa ben ${theirs.unit.code}`, unitId: theirs.unit.id })
      .returning(),
  );
  const ownPerson = await returnedRow(
    writerForSetup(db)
      .insert(people)
      .values({ fullName: `Người Xã Mình ${mine.unit.code}`, searchName: `nguoi xa minh ${mine.unit.code}`, unitId: mine.unit.id })
      .returning(),
  );

  await signIn(page, admin.username, admin.password);

  // Pages: only their unit's accounts and people.
  await page.goto("/admin/users");
  await expect(page.locator(`tr[data-username="${ownViewer.username}"]`)).toBeVisible();
  await expect(page.locator(`tr[data-username="${victim.username}"]`)).toHaveCount(0);
  await expect(page.locator('tr[data-username="admin"]')).toHaveCount(0);
  await expect(page.getByLabel("Đơn vị").locator("option", { hasText: theirs.unit.name })).toHaveCount(0);
  await page.goto("/people");
  await expect(page.getByText(ownPerson.fullName)).toBeVisible();
  await expect(page.getByText(theirPerson.fullName)).toHaveCount(0);
  const response = await page.goto(`/people/${theirPerson.id}`);
  expect(response?.status()).toBe(404);
  await page.goto("/admin/audit");
  await expect(page.locator("body")).not.toContainText(theirs.unit.code);

  // Actions posted with the other unit's ids: nothing changes.
  const disable = await postAction(page, "setDisabledAction", { userId: victimRow.id, disabled: "1", username: victim.username });
  expect(disable).not.toContain('"ok":true');
  const reset = await postAction(page, "resetPasswordAction", { userId: victimRow.id, username: victim.username });
  expect(reset).not.toContain('"ok":true');
  const unlock = await postAction(page, "unlockSignInAction", { userId: victimRow.id });
  expect(unlock).not.toContain('"ok":true');
  const create = await postAction(page, "createUserAction", {
    username: `lan.${theirs.unit.code}`,
    fullName: "Lấn Sân",
    role: "admin",
    unitId: theirs.unit.id,
    password: "mat-khau-lan-san",
  });
  expect(create).not.toContain('"ok":true');
  const createAbove = await postAction(page, "createUserAction", {
    username: `tinh.${theirs.unit.code}`,
    fullName: "Quản Trị Tỉnh",
    role: "admin",
    unitId: mine.unit.parentId!,
    password: "mat-khau-lan-san",
  });
  expect(createAbove).not.toContain('"ok":true');
  const person = await postAction(page, "savePersonAction", {
    personId: theirPerson.id,
    fullName: "Đổi Tên Trái Phép",
    unitId: mine.unit.id,
    isPartyMember: "",
  });
  expect(person).not.toContain('"ok":true');
  expect(person).toContain("Không tìm thấy, hoặc bạn không có quyền thay đổi.");

  const after = (await firstRow(db.select().from(users).where(eq(users.id, victimRow.id))))!;
  expect(after.disabled).toBe(false);
  expect(after.sessionVersion).toBe(victimRow.sessionVersion);
  expect(after.mustChangePassword).toBe(false);
  expect(
    await firstRow(
      db
        .select()
        .from(users)
        .where(eq(users.username, `lan.${theirs.unit.code}`)),
    ),
  ).toBeUndefined();
  expect(
    await firstRow(
      db
        .select()
        .from(users)
        .where(eq(users.username, `tinh.${theirs.unit.code}`)),
    ),
  ).toBeUndefined();
  const personAfter = (await firstRow(db.select().from(people).where(eq(people.id, theirPerson.id))))!;
  expect(personAfter).toMatchObject({ fullName: theirPerson.fullName, unitId: theirs.unit.id });

  // Their own unit's account they do manage.
  const ownReset = await postAction(page, "resetPasswordAction", { userId: ownRow.id, username: ownViewer.username });
  expect(ownReset).toContain('"ok":true');
  expect((await firstRow(db.select().from(users).where(eq(users.id, ownRow.id))))!.mustChangePassword).toBe(true);
});
