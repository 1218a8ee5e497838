import { returnedRow, firstRow, writerForSetup } from "@/db/client";
/**
 * The audit log an official can read (docs/decisions/0024): actions in Vietnamese, objects by name with a link,
 * changed fields with their labels and values (unit names, not ids), filters in the same words, and
 * a menu entry for the admin. Data of its own in Nghĩa Hành (532).
 */
import { and, eq } from "drizzle-orm";
import { bodies, campaigns, conferences, invitations, people, sites } from "@/db/schema";
import { foldForSearch } from "@/lib/text/fold";
import { createAccount, e2eDb, expect, signIn, test, unitIdOf } from "./fixtures";

const stamp = `${process.pid}${Date.now() % 100000}`;

test("the audit log shows actions in words and objects by name, never ids or JSON", async ({ page }) => {
  const db = await e2eDb();
  const unitId = await unitIdOf("532");
  const body = (await firstRow(
    db
      .select()
      .from(bodies)
      .where(and(eq(bodies.unitId, unitId), eq(bodies.kind, "propaganda"))),
  ))!;
  const campaign = (await firstRow(db.select().from(campaigns)))!;
  const day = new Date(Date.now() + 40 * 86_400_000);
  const title = `Hội nghị nhật ký ${stamp}`;
  const conference = await returnedRow(
    writerForSetup(db)
      .insert(conferences)
      .values({ campaignId: campaign.id, unitId, bodyId: body.id, title, startsAt: day, endsAt: new Date(day.getTime() + 3_600_000), status: "scheduled" })
      .returning(),
  );
  const site = await returnedRow(
    writerForSetup(db)
      .insert(sites)
      .values({ conferenceId: conference.id, unitId, isMain: true, venue: `Hội trường ${stamp}` })
      .returning(),
  );
  const name = `Nguyễn Văn Nhật Ký ${stamp}`;
  const person = await returnedRow(
    writerForSetup(db)
      .insert(people)
      .values({ fullName: name, searchName: foldForSearch(name), unitId, position: "Chuyên viên" })
      .returning(),
  );
  await writerForSetup(db).insert(invitations).values({ conferenceId: conference.id, personId: person.id, bodyId: body.id, siteId: site.id, status: "draft" });

  await signIn(page, "admin");
  // Two changes through the screens: letters issued, a person moved to another unit.
  await page.goto(`/conferences/${conference.id}/invitations`);
  await page.getByRole("button", { name: "Phát hành giấy mời (1)" }).click();
  await expect(page.getByText("Đã phát hành 1 giấy mời.")).toBeVisible();
  await page.goto(`/people/${person.id}`);
  await page.getByLabel("Đơn vị", { exact: true }).selectOption({ label: "Huyện Sơn Hà" });
  await page.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByText("Đã lưu.")).toBeVisible();

  // The admin's menu leads there.
  const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
  await nav.getByRole("link", { name: "Nhật ký" }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(nav.getByRole("link", { name: "Nhật ký" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Quản trị" })).not.toHaveAttribute("aria-current", "page");

  // Found by the person's name typed without diacritics (the log stores an id): the change reads in words.
  await page.getByLabel("Tìm", { exact: true }).fill(foldForSearch(name));
  await page.getByRole("button", { name: "Lọc" }).click();
  const table = page.getByTestId("audit-table");
  const personRow = table.locator("tbody tr").filter({ hasText: "Sửa thông tin đại biểu" });
  await expect(personRow).toHaveCount(1);
  await expect(personRow.getByTestId("audit-object").getByRole("link", { name })).toHaveAttribute("href", `/people/${person.id}`);
  await expect(personRow.getByTestId("audit-changes")).toContainText(/Đơn vị:.*Huyện Nghĩa Hành.*→.*Huyện Sơn Hà/);
  await expect(personRow.getByTestId("audit-changes")).not.toContainText("Chức vụ");

  // The action filter offers the same words; the letters issued name the conference, with its page.
  await page.goto("/admin/audit");
  await page.getByLabel("Thao tác").selectOption({ label: "Phát hành giấy mời" });
  await page.getByLabel("Tìm", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Lọc" }).click();
  await expect(page).toHaveURL(/action=conference\.issue_invitations/);
  const issued = table.locator("tbody tr");
  await expect(issued).toHaveCount(1);
  await expect(issued.getByTestId("audit-action")).toHaveText("Phát hành giấy mời");
  await expect(issued.getByTestId("audit-object").getByRole("link", { name: title })).toHaveAttribute("href", `/conferences/${conference.id}`);
  await expect(issued.getByTestId("audit-changes")).toContainText("Số đại biểu: 1");
  await expect(issued.getByTestId("audit-changes")).toContainText("Số giấy mời: ");

  // Nowhere on the page a code, an id or JSON (a body template's "{unitName}" is data, not JSON).
  for (const url of ["/admin/audit", `/admin/audit?q=${encodeURIComponent(foldForSearch(name))}`]) {
    await page.goto(url);
    const text = await table.innerText();
    expect(text).not.toMatch(/issue_invitations|unitId|"\w+":|invitation #|#\d+|\{\s*"/);
  }

  // Not in an organiser's menu, and not theirs to open.
  const organiser = await createAccount("organizer", "532", "mat-khau-thu-1", "propaganda");
  await page.context().clearCookies();
  await signIn(page, organiser.username, organiser.password);
  await expect(page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Nhật ký" })).toHaveCount(0);
  expect((await page.goto("/admin/audit"))?.status()).toBe(404);
});
