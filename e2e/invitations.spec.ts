import { firstRow } from "@/db/client";
import { and, eq } from "drizzle-orm";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import ICAL from "ical.js";
import { conferences, invitations, sites } from "@/db/schema";
import { E2E_PORT } from "./e2e-env";
import { bodyIdOf, conferenceIdOf, createAccount, e2eDb, expect, signIn, test, unitIdOf } from "./fixtures";

/** A new conference with nobody invited yet. */
async function newConference(page: import("@playwright/test").Page, title: string) {
  await page.goto("/conferences/new");
  await page.getByLabel("Tên hội nghị").fill(title);
  await page.getByLabel("Ngày bắt đầu").fill("20/03/2021");
  await page.getByLabel("Giờ bắt đầu").fill("13:30");
  await page.getByLabel("Ngày kết thúc").fill("20/03/2021");
  await page.getByLabel("Giờ kết thúc").fill("16:30");
  await page.getByLabel("Địa điểm chính (hội trường)").fill(`Phòng họp ${title}`);
  await page.getByLabel("Người liên hệ").fill("Đồng chí Chánh Văn phòng, điện thoại nội bộ 123");
  await page.getByRole("button", { name: "Tạo hội nghị" }).click();
  await expect(page.getByText("Đã lưu hội nghị.")).toBeVisible();
  return Number(new URL(page.url()).pathname.split("/")[2]);
}

test("an organiser builds a list by searching without diacritics, issues, prints one page per invitee with a readable QR, and revokes", async ({ page }) => {
  // An organiser of Nghĩa Hành's Propaganda Board: a unit that read-only tests do not count.
  const organizer = await createAccount("organizer", "532", "mat-khau-thu-1", "propaganda");
  await signIn(page, organizer.username, organizer.password);
  const id = await newConference(page, "Hội nghị thử giấy mời");
  await page.goto(`/conferences/${id}/invitations`);

  // "nguyen" finds "Nguyễn …": search ignores diacritics.
  await page.getByLabel("Thêm từng người").fill("nguyen");
  const results = page.getByTestId("people-results");
  await expect(results.locator("li").first()).toContainText("Nguyễn");
  for (let i = 0; i < 2; i++) {
    await results.getByRole("button", { name: /^Mời / }).first().click();
    await expect(page.getByText("Đã thêm 1 đại biểu.").first()).toBeVisible();
  }
  await expect(page.getByTestId("invitation-counts")).toHaveText("0 đã phát hành · 2 chưa phát hành · 0 đã thu hồi");

  await page.getByRole("button", { name: "Phát hành giấy mời (2)" }).click();
  await expect(page.getByText("Đã phát hành 2 giấy mời.")).toBeVisible();
  await expect(page.getByTestId("invitation-counts")).toHaveText("2 đã phát hành · 0 chưa phát hành · 0 đã thu hồi");
  const issued = await (await e2eDb()).select().from(invitations).where(eq(invitations.conferenceId, id));
  expect(issued.map((i) => i.letterNumber)).toEqual([issued[0].letterNumber, issued[0].letterNumber]);
  expect(issued[0].letterNumber).toMatch(/^\d+-GM\/BTGHU$/);

  // The print view: one A4 page per invitee, and the QR decodes to that invitation's token.
  await page.goto(`/conferences/${id}/letters?size=A4`);
  await expect(page.getByTestId("letter-count")).toHaveText("2 giấy mời");
  await expect(page.locator(".letter").first()).toContainText("ĐẢNG CỘNG SẢN VIỆT NAM");
  await expect(page.locator(".letter").first()).toContainText("GIẤY MỜI");
  await expect(page.locator(".letter").first()).toContainText("Liên hệ: Đồng chí Chánh Văn phòng, điện thoại nội bộ 123.");
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)).toHaveLength(2);
  for (const letter of await page.locator(".letter").all()) {
    const invitationId = Number(await letter.getAttribute("data-invitation"));
    const png = PNG.sync.read(await letter.locator(".qr").screenshot());
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(issued.find((i) => i.id === invitationId)!.token);
  }

  // The personal page, then revoked: the step says what happens and asks why.
  const token = issued[0].token!;
  await page.goto(`/i/${token}`);
  await expect(page.getByTestId("invitation-state")).toContainText("Hội nghị thử giấy mời");
  await page.goto(`/conferences/${id}/invitations`);
  const row = page.locator(`tr[data-invitation="${issued[0].id}"]`);
  await row.getByRole("button", { name: "Thu hồi" }).click();
  const step = row.getByRole("group", { name: /^Thu hồi giấy mời của / });
  await expect(step).toContainText("Mã QR trên giấy mời sẽ không dùng được ở cửa hội trường");
  await step.getByRole("button", { name: "Xác nhận thu hồi" }).click();
  await expect(step).toContainText("Vui lòng ghi lý do (ít nhất 3 ký tự).");
  expect((await firstRow((await e2eDb()).select().from(invitations).where(eq(invitations.id, issued[0].id))))!.status).toBe("issued");
  await step.getByLabel("Lý do thu hồi").fill("Đồng chí đã chuyển công tác");
  await step.getByRole("button", { name: "Xác nhận thu hồi" }).click();
  await expect(row.getByText("Đã thu hồi giấy mời. Có thể khôi phục khi chưa cấp lại mã.")).toBeVisible();
  // The reason is kept and shown on the list…
  await expect(row.getByTestId("revoke-note")).toContainText("Lý do thu hồi: Đồng chí đã chuyển công tác");
  await page.reload();
  await expect(page.locator(`tr[data-invitation="${issued[0].id}"]`).getByTestId("revoke-note")).toContainText("Lý do thu hồi: Đồng chí đã chuyển công tác");
  expect(await firstRow((await e2eDb()).select().from(invitations).where(eq(invitations.id, issued[0].id)))).toMatchObject({
    status: "revoked",
    revokeReason: "Đồng chí đã chuyển công tác",
  });
  // …but the guest only sees that the letter was revoked, never the internal reason.
  await page.goto(`/i/${token}`);
  await expect(page.getByRole("heading", { name: "Giấy mời đã bị thu hồi" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText("chuyển công tác");

  // Restored while not reissued: the same QR works again.
  await page.goto(`/conferences/${id}/invitations`);
  const again = page.locator(`tr[data-invitation="${issued[0].id}"]`);
  await again.getByRole("button", { name: "Khôi phục" }).click();
  await expect(again.getByRole("group", { name: /^Khôi phục giấy mời của / })).toContainText("đúng mã QR đã phát");
  await again.getByRole("button", { name: "Xác nhận khôi phục" }).click();
  await expect(again.getByText("Đã khôi phục giấy mời; mã QR cũ dùng được trở lại.")).toBeVisible();
  await expect(page.getByTestId("invitation-counts")).toHaveText("2 đã phát hành · 0 chưa phát hành · 0 đã thu hồi");
  await page.goto(`/i/${token}`);
  await expect(page.getByTestId("invitation-state")).toContainText("Hội nghị thử giấy mời");
  expect(await firstRow((await e2eDb()).select().from(invitations).where(eq(invitations.id, issued[0].id)))).toMatchObject({
    status: "issued",
    token,
    revokeReason: null,
  });
});

test("exports open in Excel with the tokens and links, and only for the issuing body", async ({ page }) => {
  const conferenceId = await conferenceIdOf("535", "propaganda");
  await signIn(page, "tochuc.bato");
  const csv = await (await page.request.get(`/api/conferences/${conferenceId}/invitations.csv`)).text();
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toBe("Họ và tên,Chức vụ,Nơi công tác,Đơn vị,Điểm cầu,Số giấy mời,Trạng thái,Người đi thay,Mã QR,Đường dẫn cá nhân");
  expect(lines.length).toBeGreaterThan(50);
  expect(lines[1]).toMatch(new RegExp(`,[A-Z2-7]{120},http://localhost:${E2E_PORT}/i/[A-Z2-7]{120}$`));
  const xlsx = await page.request.get(`/api/conferences/${conferenceId}/invitations.xlsx`);
  expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");

  await page.context().clearCookies();
  await signIn(page, "baocao.bato");
  expect((await page.request.get(`/api/conferences/${conferenceId}/invitations.csv`)).status()).toBe(403);
});

test("another body's organiser cannot change this list: the server action refuses", async ({ page }) => {
  const victim = await conferenceIdOf("535", "propaganda");
  const before = (await (await e2eDb()).select().from(invitations).where(eq(invitations.conferenceId, victim))).length;
  const other = await createAccount("organizer", "535", "mat-khau-thu-1", "labour_federation");
  await signIn(page, other.username, other.password);
  // Their own conference's page has the toolbar; point its form at the other body's conference.
  const own = (await firstRow(
    (await e2eDb())
      .select({ id: conferences.id })
      .from(conferences)
      .where(and(eq(conferences.bodyId, await bodyIdOf("535", "labour_federation")))),
  ))!.id;
  await page.goto(`/conferences/${own}/invitations`);
  await page.locator("form.filters.inner input[name=conferenceId]").evaluate((input, id) => ((input as HTMLInputElement).value = String(id)), victim);
  await page.getByRole("button", { name: "Thêm theo bộ lọc" }).click();
  await expect(page.getByText("Không tìm thấy, hoặc bạn không có quyền thay đổi.")).toBeVisible();
  expect((await (await e2eDb()).select().from(invitations).where(eq(invitations.conferenceId, victim))).length).toBe(before);
  // And on the other body's list there are no actions for them.
  await page.goto(`/conferences/${victim}/invitations`);
  await expect(page.getByRole("button", { name: "Thu hồi" })).toHaveCount(0);
});

test("a bridge-point invitee's “Thêm vào lịch” file gives their own site and links to their public page", async ({ request }) => {
  // A Ba Tơ invitee of the provincial Standing Committee's conference, invited to Ba Tơ's bridge point.
  const db = await e2eDb();
  const conferenceId = await conferenceIdOf("51", "standing_committee");
  const invitee = (await firstRow(
    db
      .select({ token: invitations.token, venue: sites.venue })
      .from(invitations)
      .innerJoin(sites, eq(sites.id, invitations.siteId))
      .where(
        and(eq(invitations.conferenceId, conferenceId), eq(invitations.status, "issued"), eq(sites.isMain, false), eq(sites.unitId, await unitIdOf("535"))),
      ),
  ))!;
  expect(invitee.venue).toContain("Ba Tơ");
  const response = await request.get(`/api/invitations/${invitee.token}.ics`); // no session: the token is the key
  expect(response.status()).toBe(200);
  const event = new ICAL.Event(new ICAL.Component(ICAL.parse(await response.text())).getFirstSubcomponent("vevent")!);
  expect(event.location).toContain(invitee.venue);
  expect(event.location).not.toContain("Hội trường Tỉnh ủy");
  expect(event.component.getFirstPropertyValue("url")).toBe(`http://localhost:${E2E_PORT}/i/${invitee.token}`);
  expect(event.uid).toMatch(new RegExp(`^conference-${conferenceId}-[0-9a-f]{16}@quan-triet$`));
});
