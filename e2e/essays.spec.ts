import { mapInOrder } from "@/lib/async/in-order";
import { returnedRow, firstRow, writerForSetup } from "@/db/client";
/**
 * Bài thu hoạch (docs/decisions/0010, amendment on essays), as the organiser of the body that held the conference: mark some
 * attendees, import a list (and import it again: nothing changes), then find the same counts on
 * the conference's attendance page, the unit's report, the printed report and the XLSX export.
 * The conference lives in a unit made for this test alone.
 */
import ExcelJS from "exceljs";
import { bodies, campaigns, checkIns, conferences, invitations, people, sites } from "@/db/schema";
import { zonedDateKey } from "@/lib/time/zone";
import { formatDateKey } from "@/lib/time/format";
import { createAccount, e2eDb, expect, signIn, test, createTestUnit } from "./fixtures";

const NAMES = ["Nguyễn Văn Một", "Trần Thị Hai", "Lê Văn Ba", "Phạm Thị Bốn", "Hoàng Văn Năm"];

/** A unit with one conference that ended two days ago: the first four invitees checked in, the fifth did not. */
async function heldConference() {
  const db = await e2eDb();
  const code = `bth${process.pid}${Date.now() % 100000}`;
  const unit = await createTestUnit(code, `Huyện Bài Thu Hoạch ${code}`);
  const body = await returnedRow(
    writerForSetup(db)
      .insert(bodies)
      .values({ unitId: unit.id, kind: "propaganda", name: `Ban Tuyên giáo Huyện ủy Thử ${code}`, symbol: "BTGHU" })
      .returning(),
  );
  await writerForSetup(db)
    .insert(bodies)
    .values({ unitId: unit.id, kind: "standing_committee", name: `Ban Thường vụ Huyện ủy Thử ${code}`, symbol: "HU" });
  const campaign = (await firstRow(db.select().from(campaigns)))!;
  const startsAt = new Date(Date.now() - 2 * 86_400_000);
  const conference = await returnedRow(
    writerForSetup(db)
      .insert(conferences)
      .values({
        campaignId: campaign.id,
        unitId: unit.id,
        bodyId: body.id,
        title: `Hội nghị bài thu hoạch ${code}`,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 4 * 3_600_000),
        status: "scheduled",
        graceMinutes: 15,
      })
      .returning(),
  );
  const site = await returnedRow(
    writerForSetup(db)
      .insert(sites)
      .values({ conferenceId: conference.id, unitId: unit.id, isMain: true, venue: `Hội trường ${code}` })
      .returning(),
  );
  const rows = await mapInOrder(NAMES, async (fullName, i) => {
    const person = await returnedRow(
      writerForSetup(db)
        .insert(people)
        .values({ fullName, searchName: fullName.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase(), unitId: unit.id })
        .returning(),
    );
    const invitation = await returnedRow(
      writerForSetup(db)
        .insert(invitations)
        .values({ conferenceId: conference.id, personId: person.id, bodyId: body.id, siteId: site.id, status: "issued", letterNumber: "7-GM/BTGHU" })
        .returning(),
    );
    if (i < 4)
      await writerForSetup(db)
        .insert(checkIns)
        .values({ invitationId: invitation.id, conferenceId: conference.id, siteId: site.id, scannedAt: startsAt, receivedAt: startsAt, method: "camera" });
    return { ...invitation, fullName };
  });
  return { unit, conference, rows, campaign };
}

test.describe("reflection essays", () => {
  test("an organiser marks some, imports a list twice, and the counts reach the reports, the print and the XLSX", async ({ page }) => {
    const { unit, conference, rows, campaign } = await heldConference();
    const organiser = await createAccount("organizer", unit.code, "mat-khau-thu-1", "propaganda");
    await signIn(page, organiser.username, organiser.password);
    const yesterday = formatDateKey(zonedDateKey(Date.now() - 86_400_000));

    // From the attendance page to the essays page.
    await page.goto(`/conferences/${conference.id}/report`);
    await expect(page.getByTestId("essays-link")).toBeVisible();
    await page.getByTestId("essays-link").click();
    await expect(page).toHaveURL(new RegExp(`/conferences/${conference.id}/essays$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bài thu hoạch của người dự");
    const figure = (key: string) => page.getByTestId(`essay-figure-${key}`).locator(".figure-value");
    await expect(figure("present")).toHaveText("4");
    await expect(figure("submitted")).toHaveText("0");
    // Attendees only: the fifth invitee did not check in.
    const table = page.getByTestId("essay-table");
    await expect(table.locator("tbody tr")).toHaveCount(4);
    await expect(table).not.toContainText(NAMES[4]);

    // Tick two and mark them, on yesterday's date.
    await page.getByLabel(`Chọn ${NAMES[0]}`).check();
    await page.getByLabel(`Chọn ${NAMES[1]}`).check();
    await expect(page.getByTestId("essay-selected")).toHaveText("Đã chọn 2 người");
    await page.getByLabel("Ngày nộp", { exact: true }).fill(yesterday);
    await page.getByRole("button", { name: "Đánh dấu đã nộp" }).click();
    await expect(page.getByTestId("essay-marking").getByRole("status")).toHaveText("Đã ghi 2 bài thu hoạch; 0 người đã có từ trước, giữ nguyên ngày nộp.");
    await expect(figure("submitted")).toHaveText("2");
    await expect(table.locator("tr", { hasText: NAMES[0] })).toContainText(`Nộp ngày ${yesterday}`);
    await expect(page.getByTestId("essay-selected")).toHaveText("Đã chọn 0 người");

    // Those who have not handed in yet, searched without diacritics.
    await page.getByLabel("Bài thu hoạch", { exact: true }).selectOption({ label: "Chưa nộp" });
    await page.getByRole("button", { name: "Lọc" }).click();
    await expect(table.locator("tbody tr")).toHaveCount(2);
    await page.getByLabel("Tìm theo tên").fill("pham thi bon");
    await page.getByRole("button", { name: "Lọc" }).click();
    await expect(table.locator("tbody tr")).toHaveCount(1);
    await expect(table).toContainText(NAMES[3]);
    await page.goto(`/conferences/${conference.id}/essays`);

    // Import a list: two new, one already recorded, one who did not attend, one unknown.
    const csv = Buffer.from(`Họ và tên,Đơn vị\n${NAMES[2]},\n${NAMES[3]},\n${NAMES[4]},\n${NAMES[0]},\nNgười Không Có Trong Danh Sách,\n`);
    const importList = async () => {
      await page.getByLabel("hoặc chọn tệp (CSV, XLSX; tối đa 900 KB)").setInputFiles({ name: "da-nop.csv", mimeType: "text/csv", buffer: csv });
      await page.getByRole("button", { name: "Xem trước" }).click();
      await expect(page.getByTestId("essay-preview")).toBeVisible();
    };
    await importList();
    await expect(page.getByTestId("essay-preview-summary")).toHaveText(
      "5 dòng: 2 người sẽ được ghi, 1 người đã ghi từ trước (giữ nguyên), 2 dòng không ghi được.",
    );
    const preview = page.getByTestId("essay-preview-table");
    await expect(preview.locator("tr", { hasText: NAMES[4] })).toContainText("Không dự hội nghị");
    await expect(preview.locator("tr", { hasText: "Người Không Có" })).toContainText("Không tìm thấy");
    await page.getByRole("button", { name: "Ghi 2 bài thu hoạch" }).click();
    await expect(page.getByTestId("essay-import-done")).toHaveText("Đã ghi 2 bài thu hoạch; 0 người đã có từ trước, giữ nguyên.");
    await expect(figure("submitted")).toHaveText("4");
    await expect(figure("rate")).toHaveText("100,0%");

    // The same list again changes nothing.
    await page.reload();
    await importList();
    await expect(page.getByTestId("essay-preview-summary")).toHaveText(
      "5 dòng: 0 người sẽ được ghi, 3 người đã ghi từ trước (giữ nguyên), 2 dòng không ghi được.",
    );
    await expect(page.getByText("Không có dòng nào cần ghi: danh sách này không thay đổi gì.")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Ghi \d+ bài thu hoạch$/ })).toHaveCount(0);

    // Unmark one, then mark it again.
    await page.getByLabel(`Chọn ${NAMES[3]}`).check();
    await page.getByRole("button", { name: "Bỏ đánh dấu" }).click();
    await expect(page.getByTestId("essay-marking").getByRole("status")).toHaveText("Đã bỏ đánh dấu 1 người.");
    await expect(figure("submitted")).toHaveText("3");
    await page.getByLabel(`Chọn ${NAMES[3]}`).check();
    await page.getByRole("button", { name: "Đánh dấu đã nộp" }).click();
    await expect(figure("submitted")).toHaveText("4");

    // The conference's attendance page.
    await page.goto(`/conferences/${conference.id}/report`);
    await expect(page.getByTestId("figure-essays").locator(".figure-value")).toHaveText("4");
    await expect(page.getByTestId("figure-essays")).toContainText("100,0% trên 4 người có mặt");
    await expect(page.getByTestId("invitee-table").locator("tr", { hasText: NAMES[0] })).toContainText(yesterday);

    // The unit's report.
    await page.goto(`/reports/units/${unit.code}?campaign=${campaign.id}`);
    await expect(page.getByTestId("figure-essays").locator(".figure-value")).toHaveText("4");
    const line = page.getByTestId("conference-figures").locator("tr", { hasText: conference.title });
    await expect(line.locator('td[data-label="Nộp bài thu hoạch"]')).toHaveText("4");
    await expect(line.locator('td[data-label="Tỷ lệ nộp bài"]')).toHaveText("100,0%");

    // The printed report: a column with its base beside it, and a sentence.
    await page.goto(`/reports/print?unit=${unit.code}&campaign=${campaign.id}`);
    await expect(page.getByTestId("report-essays")).toHaveText(
      "Sau hội nghị, 4 trong số 4 người có mặt đã nộp bài thu hoạch, đạt 100,0% (tính trên số người có mặt).",
    );
    const headers = await page.getByTestId("printed-report").locator("table.doc-table").first().locator("thead th").allTextContents();
    expect(headers.slice(-4)).toEqual(["Chưa biết", "Tỷ lệ tham dự", "Nộp bài thu hoạch", "Tỷ lệ nộp bài (trên số có mặt)"]);
    const total = (await page.getByTestId("report-total").locator("td.num").allTextContents()).map((c) => c.trim());
    expect(total).toEqual(["5", "4", "1", "0", "80,0%", "4", "100,0%"]);
    await expect(page.getByTestId("printed-legend")).toContainText("Tỷ lệ nộp bài = Nộp bài thu hoạch ÷ Có mặt");

    // The XLSX export: numbers as numbers, the rate a fraction in a percent format, each day a date cell.
    const xlsx = await page.request.get(`/api/conferences/${conference.id}/report.xlsx`);
    expect(xlsx.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const summary = workbook.getWorksheet("Tổng hợp")!;
    const summaryRow = (label: string) => {
      let found: ExcelJS.Row | undefined;
      summary.eachRow((r) => (String(r.getCell(1).value) === label ? (found = r) : undefined));
      return found!;
    };
    expect(summaryRow("Nộp bài thu hoạch").getCell(2).value).toBe(4);
    expect(summaryRow("Tỷ lệ nộp bài thu hoạch (trên số có mặt)").getCell(2).value).toBe(1);
    expect(summaryRow("Tỷ lệ nộp bài thu hoạch (trên số có mặt)").getCell(2).numFmt).toBe("0.0%");
    const list = workbook.getWorksheet("Người được mời")!;
    const headerCells = (list.getRow(1).values as unknown[]).map(String);
    const column = headerCells.indexOf("Nộp bài thu hoạch ngày");
    expect(column).toBeGreaterThan(0);
    const days: unknown[] = [];
    list.eachRow((r, n) => n > 1 && days.push(r.getCell(column).value));
    expect(days.filter((d) => d instanceof Date)).toHaveLength(4);
    expect(days.filter((d) => d instanceof Date).map((d) => (d as Date).toISOString().slice(0, 10))).toContain(zonedDateKey(Date.now() - 86_400_000));
    expect(rows).toHaveLength(5);
  });

  test("door staff and viewers of another unit cannot open the essays page; a viewer of the unit reads it without the forms", async ({ page }) => {
    const { unit, conference } = await heldConference();
    await signIn(page, "baocao.bato");
    expect((await page.goto(`/conferences/${conference.id}/essays`))?.status()).toBe(404);
    await page.context().clearCookies();
    const viewer = await createAccount("viewer", unit.code);
    await signIn(page, viewer.username, viewer.password);
    expect((await page.goto(`/conferences/${conference.id}/essays`))?.status()).toBe(200);
    await expect(page.getByTestId("essay-table").locator("tbody tr")).toHaveCount(4);
    await expect(page.getByText("Trang này chỉ để xem")).toBeVisible();
    await expect(page.getByRole("button", { name: "Đánh dấu đã nộp" })).toHaveCount(0);
    await expect(page.getByTestId("essay-import")).toHaveCount(0);
    await page.context().clearCookies();
    await signIn(page, "diemdanh");
    expect((await page.goto(`/conferences/${conference.id}/essays`))?.status()).toBe(404);
  });
});
