import { mapInOrder } from "@/lib/async/in-order";
import { returnedRow, firstRow, writerForSetup } from "@/db/client";
/**
 * Attendance reports: exact figures after check-ins and an excused absence, the
 * same figures in the XLSX and the printed report, and scope on every page and
 * export. The counted conference lives in a unit made for this test alone.
 */
import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import { bodies, campaigns, conferences, invitations, people, sites } from "@/db/schema";
import { ensureCampaignKeys } from "@/lib/invitations/campaign-keys";
import { getCurrentCampaign } from "@/lib/campaigns/current-campaign";
import { signToken } from "@/lib/tokens/qr-token";
import { conferenceIdOf, e2eDb, expect, signIn, test, createTestUnit, unitIdOf } from "./fixtures";

/**
 * A unit of its own with one conference in progress (started an hour ago, 15 minutes' grace) and five issued letters.
 * Its kind has no campaign requirements, so the province's counts (home page, board) do not change.
 */
async function countedConference() {
  const db = await e2eDb();
  const code = `e2e${process.pid}${Date.now() % 100000}`;
  const unit = await createTestUnit(code, `Huyện Thử ${code}`, { sortOrder: 999 });
  const body = await returnedRow(
    writerForSetup(db)
      .insert(bodies)
      .values({ unitId: unit.id, kind: "propaganda", name: `Ban Tuyên giáo Huyện ủy Thử ${code}`, symbol: "BTGHU" })
      .returning(),
  );
  await writerForSetup(db)
    .insert(bodies)
    .values({ unitId: unit.id, kind: "standing_committee", name: `Ban Thường vụ Huyện ủy Thử ${code}`, symbol: "HU" });
  const campaign = (await getCurrentCampaign(db, null))!;
  const startsAt = new Date(Date.now() - 3_600_000);
  const conference = await returnedRow(
    writerForSetup(db)
      .insert(conferences)
      .values({
        campaignId: campaign.id,
        unitId: unit.id,
        bodyId: body.id,
        title: `Hội nghị kiểm đếm ${code}`,
        startsAt,
        endsAt: new Date(Date.now() + 3 * 3_600_000),
        status: "in_progress",
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
  const keys = await ensureCampaignKeys(db, campaign.id);
  const names = ["Nguyễn Văn Một", "Trần Thị Hai", "Lê Văn Ba", "Phạm Thị Bốn", "Hoàng Văn Năm"];
  const rows = await mapInOrder(names, async (fullName, i) => {
    const person = await returnedRow(
      writerForSetup(db)
        .insert(people)
        .values({ fullName, searchName: fullName, unitId: unit.id, category: "can_bo_chu_chot", isPartyMember: i !== 4 })
        .returning(),
    );
    const invitation = await returnedRow(
      writerForSetup(db)
        .insert(invitations)
        .values({ conferenceId: conference.id, personId: person.id, bodyId: body.id, siteId: site.id, status: "issued" })
        .returning(),
    );
    const token = signToken({ invitationId: invitation.id, conferenceId: conference.id, tokenVersion: 1 }, keys.privateKey);
    await writerForSetup(db).update(invitations).set({ token }).where(eq(invitations.id, invitation.id));
    return { ...invitation, token, fullName };
  });
  return { unit, conference, site, rows, startsAt, campaign };
}

test.describe("attendance reports", () => {
  test("after check-ins and an excused absence, the page, the XLSX and the printed report agree on the figures", async ({ page }) => {
    const { unit, conference, site, rows, startsAt } = await countedConference();
    await signIn(page, "admin");
    const scan = (token: string, at: number) =>
      page.request.post("/api/checkin", {
        data: {
          token,
          siteId: site.id,
          deviceId: "may-bao-cao",
          nonce: `r${Math.random().toString(36).slice(2)}${Date.now()}`,
          scannedAt: at,
          method: "hardware",
        },
      });
    expect((await (await scan(rows[0].token, startsAt.getTime() + 5 * 60_000)).json()).verdict).toBe("ok");
    expect((await (await scan(rows[1].token, startsAt.getTime() + 15 * 60_000)).json()).checkIn.isLate).toBe(false);
    expect((await (await scan(rows[2].token, Date.now())).json()).checkIn.isLate).toBe(true);

    await page.goto(`/conferences/${conference.id}/report`);
    const row = page.getByTestId("invitee-table").locator("tr", { hasText: rows[3].fullName });
    await row.getByText("Ghi vắng / học bù").click();
    await row.getByLabel("Lý do vắng").selectOption({ label: "Ốm đau" });
    await row.getByLabel("Ghi chú", { exact: true }).fill("Nằm viện");
    await row.getByRole("button", { name: "Lưu lý do" }).click();
    await expect(row.getByRole("status")).toHaveText("Đã lưu lý do vắng.");
    await page.reload();

    const figure = (key: string) => page.getByTestId(`figure-${key}`).locator(".figure-value");
    await expect(figure("invited")).toHaveText("5");
    await expect(figure("present")).toHaveText("3");
    await expect(page.getByTestId("figure-present")).toContainText("đúng giờ 2 · muộn 1");
    await expect(figure("excused")).toHaveText("1");
    await expect(figure("unexcused")).toHaveText("0");
    await expect(figure("unknown")).toHaveText("1");
    await expect(figure("rate")).toHaveText("75,0%");
    await expect(page.getByTestId("invitee-table").locator("tr", { hasText: rows[3].fullName })).toContainText("Ốm đau");
    await expect(page.getByTestId("invitee-table").locator("tr", { hasText: rows[2].fullName })).toContainText("Đến muộn");

    const xlsx = await page.request.get(`/api/conferences/${conference.id}/report.xlsx`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Tổng hợp", "Theo nhóm", "Người được mời", "Không có giấy mời"]);
    const summary = new Map<string, unknown>();
    workbook.getWorksheet("Tổng hợp")!.eachRow((r, n) => n > 1 && summary.set(String(r.getCell(1).value), r.getCell(2).value));
    expect([
      summary.get("Được mời"),
      summary.get("Có mặt"),
      summary.get("Đến muộn"),
      summary.get("Vắng có lý do"),
      summary.get("Chưa biết"),
      summary.get("Tỷ lệ tham dự"),
    ]).toEqual([5, 3, 1, 1, 1, 0.75]);
    const list = workbook.getWorksheet("Người được mời")!;
    expect(list.getRow(1).getCell(1).value).toBe("Họ và tên");
    expect(list.rowCount).toBe(6);
    const checkedCell = list.getColumn(9).values.find((v) => v instanceof Date);
    expect(checkedCell).toBeInstanceOf(Date);
    // For people: numbers and rates typed, a filter on the header, landscape A4 with the header on every page.
    const summarySheet = workbook.getWorksheet("Tổng hợp")!;
    expect(summarySheet.getRow(2).getCell(2).numFmt).toBe("#,##0");
    expect(summarySheet.getRow(summarySheet.rowCount).getCell(2).numFmt).toBe("0.0%");
    expect(list.autoFilter).toBeTruthy();
    expect(list.pageSetup.orientation).toBe("landscape");
    expect(list.pageSetup.printTitlesRow).toBe("1:1");

    const csv = await page.request.get(`/api/conferences/${conference.id}/report.csv`);
    const text = await csv.text();
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(6);
    expect(text).toContain("Ốm đau");
    // For programs: ISO times, read the same in every locale.
    expect(text).toMatch(/,\d{4}-\d{2}-\d{2} \d{2}:\d{2},/);

    // The change is in the audit log: who, what, before and after.
    await page.goto(`/admin/audit?action=record_absence&q=${encodeURIComponent("Nằm viện")}`);
    const logged = page.getByTestId("audit-table").locator("tbody tr").first();
    await expect(logged).toContainText("(admin)");
    // In words: the action, the invitee's letter by name, the reason's label (decision 0024).
    await expect(logged).toContainText("Ghi lý do vắng");
    await expect(logged).toContainText("Giấy mời của ");
    await expect(logged).toContainText("Lý do: Ốm đau");
    await expect(logged).not.toContainText(`#${rows[3].id}`);

    await page.goto(`/reports/print?unit=${unit.code}`);
    const printed = page.getByTestId("printed-report");
    await expect(printed).toContainText("BÁO CÁO");
    await expect(printed).toContainText("ĐẢNG CỘNG SẢN VIỆT NAM");
    await expect(printed).toContainText(`HUYỆN ỦY THỬ ${unit.code.toUpperCase()}`);
    await expect(page.getByTestId("report-total")).toContainText("5");
    await expect(page.getByTestId("report-total")).toContainText("3");
    await expect(page.getByTestId("report-total")).toContainText("75,0%");
    await expect(page.getByTestId("report-summary")).toContainText("vắng có lý do 1");
  });

  test("the printed report adds up on its face: rows sum to the total, invited = present + absent + not yet known, and the rate is present over its stated base; the province's held count is the board's", async ({
    page,
  }) => {
    await signIn(page, "admin");
    const numbers = async (row: import("@playwright/test").Locator) => (await row.locator("td.num").allTextContents()).map((c) => c.trim());
    const count = (text: string) => Number(text.replace(/\./g, ""));
    // Sơn Tây has a conference never marked held, where nobody was checked in: its invitees are "not yet known".
    await page.goto("/reports/print?unit=530");
    const rows = page.getByTestId("printed-report").locator("table.doc-table").first().locator("tbody tr");
    const all = await Promise.all((await rows.all()).map(numbers));
    const body = all.slice(0, -1).map((cells) => cells.slice(1)); // the date first
    const total = all.at(-1)!;
    const [invited, present, absent, unknown] = total.slice(0, 4).map(count);
    for (const column of [0, 1, 2, 3])
      expect(
        body.reduce((n, cells) => n + count(cells[column]), 0),
        `column ${column}`,
      ).toBe(count(total[column]));
    expect(invited).toBe(present + absent + unknown);
    expect(unknown).toBeGreaterThan(0);
    const rate = ((present / (present + absent)) * 100).toLocaleString("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    expect(total[4]).toBe(`${rate}%`);
    await expect(page.getByTestId("report-summary")).toContainText(
      `đạt ${rate}% trên ${(present + absent).toLocaleString("vi-VN")} người đã có kết quả; ${unknown.toLocaleString("vi-VN")} người chưa có kết quả`,
    );
    await expect(page.getByTestId("printed-legend")).toContainText("Được mời = Có mặt + Vắng");

    // The province: "held" is the board's held, not every conference on the list.
    await page.goto("/board");
    const boardText = (await page.getByTestId("board-totals").textContent())!;
    const [boardHeld, boardRequired] = boardText
      .match(/(\d+)\/(\d+)/)!
      .slice(1)
      .map(Number);
    await page.goto("/reports/print");
    await expect(page.getByTestId("report-summary")).toContainText(`(trong đó ${boardRequired} hội nghị bắt buộc đã tổ chức ${boardHeld}), với `);
    // At least the 13 district bridge points of the Standing Committee's conference (other tests may add some).
    const bridges = Number((await page.getByTestId("report-summary").textContent())!.match(/với (\d+) điểm cầu/)![1]);
    expect(bridges).toBeGreaterThanOrEqual(13);
    await expect(page.getByTestId("report-summary")).toContainText("đã học bù");
    // The issuing committee with its place, and what the unit writes before printing.
    await expect(page.getByTestId("printed-report")).toContainText("TỈNH ỦY QUẢNG NGÃI");
    await page.getByTestId("assessment-strengths").fill("Cấp ủy các cấp chuẩn bị chu đáo.");
    await expect(page.getByTestId("assessment-strengths")).toHaveText("Cấp ủy các cấp chuẩn bị chu đáo.");
    await expect(page.getByTestId("signer-name")).toBeVisible();
  });

  test("a viewer of Ba Tơ is refused Lý Sơn's report and exports, by every page and export URL", async ({ page, request }) => {
    const lySonConference = await conferenceIdOf("536", "standing_committee");
    const baToConference = await conferenceIdOf("535", "standing_committee");
    const campaignId = (await firstRow((await e2eDb()).select().from(campaigns)))!.id;
    const lySonBody = (await firstRow(
      (await e2eDb())
        .select()
        .from(bodies)
        .where(and(eq(bodies.unitId, await unitIdOf("536")), eq(bodies.kind, "propaganda"))),
    ))!.id;
    const exports = [
      `/api/units/536/report.csv?campaign=${campaignId}`,
      `/api/units/536/report.xlsx?campaign=${campaignId}`,
      `/api/conferences/${lySonConference}/report.csv`,
      `/api/conferences/${lySonConference}/report.xlsx`,
      `/api/campaigns/${campaignId}/report.csv?unit=536`,
      `/api/campaigns/${campaignId}/report.xlsx?unit=536`,
    ];
    for (const url of exports) expect((await request.get(url)).status(), `anonymous ${url}`).toBe(401);

    await signIn(page, "baocao.bato");
    for (const url of [
      `/reports/units/536`,
      `/conferences/${lySonConference}/report`,
      `/reports/bodies/${lySonBody}`,
      `/reports/print?unit=536`,
      `/reports/print`,
    ]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(page.getByText("Lý Sơn")).toHaveCount(0);
    }
    for (const url of exports) {
      const response = await page.request.get(url);
      expect(response.status(), url).toBe(404);
      expect(await response.text()).not.toContain("Lý Sơn");
    }
    // Their own unit opens, first thing from "Báo cáo".
    await page.goto("/reports");
    await expect(page).toHaveURL(/\/reports\/units\/535/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Huyện Ba Tơ");
    expect((await page.request.get(`/api/conferences/${baToConference}/report.csv`)).status()).toBe(200);
    const campaignCsv = await (await page.request.get(`/api/campaigns/${campaignId}/report.csv`)).text();
    expect(campaignCsv).toContain("Huyện Ba Tơ");
    expect(campaignCsv).not.toContain("Lý Sơn");

    expect((await page.goto("/admin/audit"))?.status()).toBe(404);
    // Door staff have no reports at all.
    await page.context().clearCookies();
    await signIn(page, "diemdanh");
    expect((await page.goto("/reports"))?.status()).toBe(404);
    expect((await page.request.get(`/api/conferences/${baToConference}/report.csv`)).status()).toBe(403);
  });

  test("province staff see the campaign: charts, units furthest behind first, filters kept in the URL", async ({ page }) => {
    await signIn(page, "admin");
    await page.goto("/reports");
    await expect(page.getByTestId("rate-chart")).toBeVisible();
    await expect(page.getByTestId("heat-map")).toBeVisible();
    const firstUnit = page.getByTestId("unit-rows").locator("tbody tr").first();
    await expect(firstUnit).toContainText("Chưa có");
    await page.locator("#filter-category").selectOption({ label: "Báo cáo viên" });
    await page.getByLabel("Từ ngày").fill("01/03/2021");
    await page.getByRole("button", { name: "Lọc" }).click();
    await expect(page).toHaveURL(/category=bao_cao_vien/);
    await expect(page).toHaveURL(/from=01%2F03%2F2021/);
    await expect(page.getByLabel("Từ ngày")).toHaveValue("01/03/2021");
    await expect(page.getByTestId("export-links").getByRole("link", { name: "Tải CSV" })).toHaveAttribute("href", /category=bao_cao_vien/);
  });
});
