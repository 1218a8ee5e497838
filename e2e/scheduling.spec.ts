import { firstRow } from "@/db/client";
import ICAL from "ical.js";
import { eq } from "drizzle-orm";
import { conferences, sites } from "@/db/schema";
import { conferenceIdOf, createAccount, createUpcomingCampaign, e2eDb, expect, signIn, test } from "./fixtures";

test.describe("scheduling", () => {
  test("an organiser creates a conference with two bridge points; it shows on the calendar and the board, and moves by dragging", async ({ page }) => {
    const { campaign, requirements } = await createUpcomingCampaign();
    const propaganda = requirements.find((r) => r.bodyKind === "propaganda")!;
    // The 10th of next month: far enough for a drag to the 12th in the same month view.
    const now = new Date(Date.now() + 7 * 3_600_000);
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 10));
    const day = month.toISOString().slice(0, 10);
    const typed = `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

    // An organiser of Sơn Hà's Propaganda Board (a unit no other test counts).
    const organizer = await createAccount("organizer", "529", "mat-khau-thu-1", "propaganda");
    await signIn(page, organizer.username, organizer.password);
    await page.goto("/conferences/new");
    await page.getByLabel("Đợt học tập", { exact: true }).selectOption({ label: campaign.title });
    await page.getByLabel("Đáp ứng yêu cầu của đợt học tập").selectOption({ label: propaganda.title });
    await page.getByLabel("Tên hội nghị").fill("Hội nghị quán triệt cho báo cáo viên (thử)");
    await page.getByLabel("Ngày bắt đầu").fill(typed);
    await page.getByLabel("Giờ bắt đầu").fill("7h30");
    await page.getByLabel("Ngày kết thúc").fill(typed);
    await page.getByLabel("Giờ kết thúc").fill("11:30");
    await page.getByLabel("Địa điểm chính (hội trường)").fill("Hội trường thử nghiệm Sơn Hà");
    await page.getByLabel("Sức chứa (chỗ ngồi)").fill("150");
    await page.getByRole("button", { name: "Tạo hội nghị" }).click();
    await expect(page.getByText("Đã lưu hội nghị.")).toBeVisible();
    await expect(page.getByTestId("conference-time")).toHaveText(`07:30–11:30 ${typed}`);
    const id = Number(new URL(page.url()).pathname.split("/")[2]);

    // Two bridge points.
    await page.getByRole("link", { name: "Sửa", exact: true }).click();
    for (const venue of ["Điểm cầu xã Sơn Thủy", "Điểm cầu xã Sơn Kỳ"]) {
      const details = page.locator("details.add-site");
      if ((await details.getAttribute("open")) === null) await page.getByText("Thêm một điểm cầu").click();
      const form = details.locator("form");
      await form.getByLabel("Địa điểm").fill(venue);
      await form.getByRole("button", { name: "Thêm điểm cầu" }).click();
      await expect(page.getByTestId("site-list").getByText(venue, { exact: true })).toBeVisible();
    }
    expect(await (await e2eDb()).select().from(sites).where(eq(sites.conferenceId, id))).toHaveLength(3);

    // On the calendar, in its day.
    await page.goto(`/calendar?campaign=${campaign.id}&date=${day}&view=dayGridMonth`);
    const event = page.locator(`.calendar a[href="/conferences/${id}"]`);
    await expect(event).toBeVisible();
    await expect(page.locator(`[role=cell][data-date="${day}"]`).locator(`a[href="/conferences/${id}"]`)).toBeVisible();

    // On the board: the cell of Sơn Hà for that requirement is "scheduled".
    await page.goto(`/board?campaign=${campaign.id}`);
    const cell = page.locator('tr[data-unit="529"] td[data-column="propaganda"]');
    await expect(cell).toHaveAttribute("data-status", "scheduled");
    await expect(cell).toContainText("Đã lên lịch");

    // Drag it two days later; it stays there after a reload.
    await page.goto(`/calendar?campaign=${campaign.id}&date=${day}&view=dayGridMonth`);
    const target = new Date(Date.parse(`${day}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
    // The page first shows a plain list; drag only once FullCalendar has replaced it with its grid.
    await expect(page.getByTestId("calendar-fallback")).toHaveCount(0);
    await expect(page.locator(`[role=cell][data-date="${target}"]`)).toBeVisible();
    // Both the event and the day it goes to must be on screen for the mouse to reach them.
    await event.evaluate((e) => e.scrollIntoView({ block: "center" }));
    const from = await event.boundingBox();
    const to = await page.locator(`[role=cell][data-date="${target}"]`).boundingBox();
    await page.mouse.move(from!.x + 10, from!.y + from!.height / 2);
    await page.mouse.down();
    await page.mouse.move(from!.x + 30, from!.y + from!.height / 2, { steps: 5 });
    await page.mouse.move(to!.x + to!.width / 2, to!.y + to!.height / 2, { steps: 15 });
    await page.mouse.up();
    await expect(page.getByTestId("calendar-message")).toHaveText("Đã dời lịch hội nghị.");
    await page.reload();
    await expect(page.locator(`[role=cell][data-date="${target}"]`).locator(`a[href="/conferences/${id}"]`)).toBeVisible();
    const saved = (await firstRow((await e2eDb()).select().from(conferences).where(eq(conferences.id, id))))!;
    expect(saved.startsAt.toISOString().slice(0, 10)).toBe(target);
  });

  test("a venue clash is refused with a clear message and nothing is saved", async ({ page }) => {
    await signIn(page, "tochuc.bato");
    await page.goto("/conferences/new");
    await page.getByLabel("Tên hội nghị").fill("Hội nghị trùng hội trường");
    await page.getByLabel("Ngày bắt đầu").fill("10/03/2021");
    await page.getByLabel("Giờ bắt đầu").fill("08:00");
    await page.getByLabel("Ngày kết thúc").fill("10/03/2021");
    await page.getByLabel("Giờ kết thúc").fill("10:00");
    await page.getByLabel("Địa điểm chính (hội trường)").fill("Hội trường Huyện ủy Ba Tơ");
    await page.getByRole("button", { name: "Tạo hội nghị" }).click();
    const conflicts = page.getByTestId("conflicts");
    await expect(conflicts).toContainText("Không lưu được:");
    await expect(conflicts).toContainText("Hội trường Huyện ủy Ba Tơ đã được dùng cho");
    await expect(conflicts).toContainText("07:30–17:00 10/03/2021");
    // What was typed is still there, and no "save anyway" for a blocking conflict.
    await expect(page.getByLabel("Tên hội nghị")).toHaveValue("Hội nghị trùng hội trường");
    await expect(page.getByRole("button", { name: "Vẫn lưu" })).toHaveCount(0);
    expect(await (await e2eDb()).select().from(conferences).where(eq(conferences.title, "Hội nghị trùng hội trường"))).toHaveLength(0);
  });

  test("bad dates get field errors in Vietnamese, not an error page", async ({ page }) => {
    await signIn(page, "tochuc.bato");
    await page.goto("/conferences/new");
    await page.getByLabel("Tên hội nghị").fill("Hội nghị ngày sai");
    await page.getByLabel("Ngày bắt đầu").fill("31/02/2021");
    await page.getByLabel("Giờ bắt đầu").fill("25:00");
    await page.getByLabel("Ngày kết thúc").fill("01/03/2021");
    await page.getByLabel("Giờ kết thúc").fill("11:30");
    await page.getByLabel("Địa điểm chính (hội trường)").fill("Hội trường X");
    await page.getByRole("button", { name: "Tạo hội nghị" }).click();
    await expect(page.getByText("Ngày không hợp lệ.")).toBeVisible();
    await expect(page.getByText("Giờ không hợp lệ (HH:mm, 24 giờ).")).toBeVisible();
  });

  test("an organiser of another body cannot edit the conference: the server action refuses", async ({ page }) => {
    const victim = await conferenceIdOf("535", "propaganda");
    const before = (await firstRow((await e2eDb()).select().from(conferences).where(eq(conferences.id, victim))))!;
    const other = await createAccount("organizer", "535", "mat-khau-thu-1", "labour_federation");
    await signIn(page, other.username, other.password);

    expect((await page.goto(`/conferences/${victim}/edit`))?.status()).toBe(404);
    await page.goto(`/conferences/${victim}`);
    await expect(page.getByRole("link", { name: "Sửa", exact: true })).toHaveCount(0);

    // Tamper with their own form so that it targets the other body's conference.
    await page.goto("/conferences/new");
    await page.locator("form.conference-form").evaluate((form, id) => {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = "conferenceId";
      input.value = String(id);
      form.appendChild(input);
    }, victim);
    await page.getByLabel("Tên hội nghị").fill("Đổi tên trái phép");
    await page.getByLabel("Ngày bắt đầu").fill("20/03/2021");
    await page.getByLabel("Giờ bắt đầu").fill("07:30");
    await page.getByLabel("Ngày kết thúc").fill("20/03/2021");
    await page.getByLabel("Giờ kết thúc").fill("11:30");
    await page.getByLabel("Địa điểm chính (hội trường)").fill("Nơi khác");
    await page.getByRole("button", { name: "Tạo hội nghị" }).click();
    await expect(page.getByText("Không tìm thấy, hoặc bạn không có quyền thay đổi.")).toBeVisible();
    const after = (await firstRow((await e2eDb()).select().from(conferences).where(eq(conferences.id, victim))))!;
    expect(after.title).toBe(before.title);
    expect(after.startsAt.getTime()).toBe(before.startsAt.getTime());
  });

  test("the conference .ics parses, and a unit feed works until it is revoked", async ({ page, request }) => {
    const standing = await conferenceIdOf("51", "standing_committee");
    await signIn(page, "baocao.bato");
    const ics = await page.request.get(`/api/conferences/${standing}.ics`);
    expect(ics.status()).toBe(200);
    expect(ics.headers()["content-type"]).toContain("text/calendar");
    const vevent = new ICAL.Component(ICAL.parse(await ics.text())).getFirstSubcomponent("vevent")!;
    const event = new ICAL.Event(vevent);
    expect(event.summary).toContain("Hội nghị học tập, quán triệt Nghị quyết");
    expect(event.startDate.toJSDate().toISOString()).toBe("2021-03-03T00:30:00.000Z");
    expect(event.endDate.toJSDate().toISOString()).toBe("2021-03-03T10:00:00.000Z");
    // A Ba Tơ user goes to Ba Tơ's bridge point, not to the province's hall.
    expect(event.location).toContain("Hội trường Huyện ủy Ba Tơ");
    // Unique to this installation, with a revision number that updates a moved event in phone calendars.
    expect(event.uid).toMatch(new RegExp(`^conference-${standing}-[0-9a-f]{16}@quan-triet$`));
    expect(event.sequence).toBeGreaterThanOrEqual(0);
    expect((await page.request.get(`/api/conferences/${await conferenceIdOf("536", "propaganda")}.ics`)).status()).toBe(404);

    await page.goto("/calendar");
    await page.getByRole("button", { name: "Tạo đường dẫn lịch" }).click();
    await expect(page.getByText("Đã tạo đường dẫn lịch cho Huyện Ba Tơ.")).toBeVisible();
    const url = await page.getByLabel("Đường dẫn lịch của Huyện Ba Tơ").inputValue();
    const feed = await request.get(url); // no session: the secret URL is the key
    expect(feed.status()).toBe(200);
    const events = new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v).summary);
    expect(events).toHaveLength(5); // Ba Tơ's four and the provincial one bridged into Ba Tơ
    // Revoking asks first, and says it cannot be undone.
    await page.getByTestId("feed-list").getByRole("button", { name: "Thu hồi" }).first().click();
    const step = page.getByRole("group", { name: "Thu hồi đường dẫn lịch của Huyện Ba Tơ" });
    await expect(step).toContainText("Không khôi phục được");
    await step.getByRole("button", { name: "Xác nhận thu hồi" }).click();
    await expect(page.getByText("Đã thu hồi đường dẫn lịch.")).toBeVisible();
    expect((await request.get(url)).status()).toBe(404);
  });

  test("the board exports CSV within the user's scope", async ({ page }) => {
    await signIn(page, "baocao.bato");
    await page.goto("/board");
    await expect(page.getByTestId("board").locator("tbody tr")).toHaveCount(1);
    const href = await page.getByRole("link", { name: "Tải CSV" }).getAttribute("href");
    const csv = await (await page.request.get(href!)).text();
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("Mã đơn vị,Đơn vị,Hội nghị bắt buộc,Tình trạng,Trạng thái hội nghị,Ngày,Mã hội nghị");
    expect(lines.slice(1).every((l) => l.startsWith("535,Huyện Ba Tơ,"))).toBe(true);
    expect(lines).toHaveLength(5);
  });
});
