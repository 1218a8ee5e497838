import { returnedRow, firstRow, writerForSetup } from "@/db/client";
/**
 * The door explains itself: a door cadre's duties with their door hours and why a
 * site is closed; verdicts that name who scanned first, which conference a letter is for, and
 * what to do next; the practice conference open whatever the hour; the live counter for door
 * staff; the camera first on a phone.
 * Makes its own data: a door conference from the fixture, and a unit of its own for the closed
 * sites (a test unit kind: no campaign counts it). The practice conference is only read.
 */
import { and, asc, eq, ne } from "drizzle-orm";
import { bodies, campaigns, checkIns, conferences, invitations, sites, siteStaff, users } from "@/db/schema";
import { checkInWindow } from "@/lib/checkin/window";
import { formatDate, formatRange, formatTime } from "@/lib/time/format";
import { conferenceIdOf, createAccount, e2eDb, expect, practiceConference, signIn, test, createTestUnit } from "./fixtures";

const HOUR = 3_600_000;

/** A unit of its own with three conferences whose doors are closed for three reasons, and a door account assigned to all three. */
async function closedSites() {
  const db = await e2eDb();
  const code = `cua${process.pid}${Date.now() % 100000}`;
  const unit = await createTestUnit(code, `Đơn vị thử cửa ${code}`);
  const body = await returnedRow(
    writerForSetup(db)
      .insert(bodies)
      .values({ unitId: unit.id, kind: "propaganda", name: `Ban Tuyên giáo thử ${code}`, symbol: "BTGT" })
      .returning(),
  );
  const campaign = (await firstRow(db.select().from(campaigns).orderBy(asc(campaigns.id))))!;
  const account = await createAccount("scanner", "51");
  const userId = (await firstRow(db.select().from(users).where(eq(users.username, account.username))))!.id;
  const now = Date.now();
  const make = async (venue: string, startsAt: number, hours: number, status: "scheduled" | "cancelled") => {
    const conference = await returnedRow(
      writerForSetup(db)
        .insert(conferences)
        .values({
          campaignId: campaign.id,
          unitId: unit.id,
          bodyId: body.id,
          title: `Hội nghị thử cửa ${venue}`,
          startsAt: new Date(startsAt),
          endsAt: new Date(startsAt + hours * HOUR),
          status,
          cancelReason: status === "cancelled" ? "Hoãn do mưa bão" : null,
        })
        .returning(),
    );
    const site = await returnedRow(
      writerForSetup(db)
        .insert(sites)
        .values({ conferenceId: conference.id, unitId: unit.id, isMain: true, venue: `${venue} ${code}` })
        .returning(),
    );
    await writerForSetup(db).insert(siteStaff).values({ siteId: site.id, userId });
    return { conference, site };
  };
  const next = await make("Hội trường ngày mai", now + 26 * HOUR, 4, "scheduled");
  const over = await make("Hội trường sáng nay", now - 8 * HOUR, 5, "scheduled");
  const cancelled = await make("Hội trường bị hoãn", now + 50 * HOUR, 4, "cancelled");
  return { account, userId, next, over, cancelled };
}

test.describe("the door explains itself", () => {
  test("a door cadre sees each duty's door hours, what is next and why a site is closed; a closed site's page says why", async ({ page }) => {
    const { account, userId, next, over, cancelled } = await closedSites();
    await signIn(page, account.username, account.password);

    // Home: every duty with its door hours and its state, the next one marked.
    const schedule = page.getByTestId("door-schedule");
    const row = (siteId: number) => schedule.locator(`li[data-site="${siteId}"]`);
    const nextWindow = checkInWindow(next.conference);
    await expect(row(next.site.id)).toHaveAttribute("data-phase", "not_yet");
    await expect(row(next.site.id)).toContainText("Tiếp theo");
    await expect(row(next.site.id).getByTestId("door-why")).toHaveText(
      `Chưa mở: điểm danh mở lúc ${formatTime(nextWindow.opensAt)} ngày ${formatDate(nextWindow.opensAt)} (120 phút trước giờ khai mạc).`,
    );
    await expect(row(next.site.id).getByTestId("door-hours")).toContainText(`${formatTime(nextWindow.opensAt)}`);
    const overWindow = checkInWindow(over.conference);
    await expect(row(over.site.id)).toHaveAttribute("data-phase", "over");
    await expect(row(over.site.id).getByTestId("door-why")).toHaveText(
      `Đã đóng lúc ${formatTime(overWindow.closesAt)} ngày ${formatDate(overWindow.closesAt)} (60 phút sau giờ bế mạc).`,
    );
    await expect(row(cancelled.site.id).getByTestId("door-why")).toHaveText("Hội nghị đã bị hủy, không điểm danh. Lý do: Hoãn do mưa bão");
    await expect(page.getByText("Bạn chưa được phân công")).toHaveCount(0);

    // /checkin: no door open now, and which one opens next.
    await page.goto("/checkin");
    await expect(page.getByTestId("scan-none-open")).toContainText("Lúc này chưa có điểm cầu nào mở điểm danh cho bạn.");
    await expect(page.getByTestId("scan-none-open")).toContainText(
      `Ca trực tiếp theo: ${next.site.venue}, mở điểm danh lúc ${formatTime(nextWindow.opensAt)} ngày ${formatDate(nextWindow.opensAt)}.`,
    );

    // Each closed site's own page says why, instead of a bare "Ngoài giờ điểm danh".
    for (const [site, title, why] of [
      [next.site, "Chưa đến giờ điểm danh", "Chưa mở: điểm danh mở lúc"],
      [over.site, "Đã hết giờ điểm danh", "Đã đóng lúc"],
      [cancelled.site, "Hội nghị đã bị hủy", "Lý do: Hoãn do mưa bão"],
    ] as const) {
      await page.goto(`/checkin/${site.id}`);
      await expect(page.getByTestId("door-closed")).toContainText(title);
      await expect(page.getByTestId("door-closed").getByTestId("door-why")).toContainText(why);
      await expect(page.getByLabel("Mã từ máy quét")).toHaveCount(0);
    }

    // After the conference the projector shows its real timeline of arrivals, not an empty one.
    const invitee = (await firstRow((await e2eDb()).select().from(invitations).where(ne(invitations.conferenceId, over.conference.id))))!;
    const arrival = await returnedRow(
      writerForSetup(await e2eDb())
        .insert(invitations)
        .values({ conferenceId: over.conference.id, personId: invitee.personId, bodyId: over.conference.bodyId, siteId: over.site.id, status: "issued" })
        .returning(),
    );
    const at = new Date(over.conference.startsAt.getTime() - 20 * 60_000);
    await writerForSetup(await e2eDb())
      .insert(checkIns)
      .values({
        invitationId: arrival.id,
        conferenceId: over.conference.id,
        siteId: over.site.id,
        scannedAt: at,
        receivedAt: at,
        scannerUserId: userId,
        method: "hardware",
        nonce: `door-over-${Date.now()}`,
      });
    await page.goto(`/conferences/${over.conference.id}/live?site=${over.site.id}`);
    await expect(page.getByTestId("live-present")).toHaveText("Có mặt 1/1");
    await expect(page.getByTestId("live-chart-caption")).toContainText("Hội nghị đã kết thúc.");
    await expect(page.getByTestId("live-chart").locator(".live-bar")).not.toHaveCount(0);
  });

  test("the practice conference is open from the moment of seeding; the login page says until when, and its admin may open it again", async ({ page }) => {
    const { conference, site } = await practiceConference();
    const window = checkInWindow(conference);
    expect(window.opensAt.getTime()).toBeLessThan(Date.now());
    expect(window.closesAt.getTime()).toBeGreaterThan(Date.now() + 20 * HOUR);
    await page.goto("/login");
    await expect(page.getByTestId("practice-note")).toHaveText(
      `Hội nghị thực hành (tài khoản diemdanh) mở điểm danh đến ${formatTime(window.closesAt)} ngày ${formatDate(window.closesAt)}.`,
    );
    await signIn(page, "diemdanh");
    await expect(page.getByTestId("door-schedule").locator(`li[data-site="${site.id}"]`)).toHaveAttribute("data-phase", "open");
    await page.context().clearCookies();

    await signIn(page, "admin");
    await page.goto(`/conferences/${conference.id}`);
    const box = page.getByTestId("practice-reopen");
    await expect(box.getByRole("button", { name: "Mở lại hội nghị thực hành" })).toBeVisible();
    await expect(box).toContainText(`Hiện tại: Mở điểm danh`);
    // Not on any other conference (clicking it here would clear the practice check-ins other tests make: lib/checkin/practice-conference.test.ts does).
    await page.goto(`/conferences/${await conferenceIdOf("535", "propaganda")}`);
    await expect(page.getByText("Mở lại hội nghị thực hành")).toHaveCount(0);
  });

  test("verdicts say who scanned first, which conference a letter is for, and what to do next", async ({ page, doorConference }) => {
    const { site, invitations: list, cadre } = await doorConference({ invitees: 1 });
    await signIn(page, cadre.username, cadre.password);
    // Someone already let the invitee in, from another device.
    const first = await page.request.post("/api/checkin", {
      data: { token: list[0].token, siteId: site.id, deviceId: "may-TRUOC", nonce: `door-dup-${Date.now()}-abc`, scannedAt: Date.now(), method: "hardware" },
    });
    expect(first.status()).toBe(200);
    await page.goto(`/checkin/${site.id}`);
    const input = page.getByLabel("Mã từ máy quét");
    const verdict = page.getByTestId("verdict");
    await input.fill(list[0].token);
    await input.press("Enter");
    await expect(verdict).toHaveAttribute("data-verdict", "duplicate");
    await expect(verdict).toContainText("Đã điểm danh lúc");
    await expect(page.getByTestId("verdict-first")).toContainText(`bởi ${cadre.fullName} tại ${site.venue}`);
    await expect(page.getByTestId("verdict-first")).toContainText("(máy may-TRUOC)");
    await expect(page.getByTestId("verdict-advice")).toContainText("bàn hướng dẫn");

    // A letter of a Ba Tơ conference: its date, unit and site, and what to do.
    const otherId = await conferenceIdOf("535", "propaganda");
    const other = (await firstRow((await e2eDb()).select().from(conferences).where(eq(conferences.id, otherId))))!;
    const letter = (await firstRow(
      (await e2eDb())
        .select()
        .from(invitations)
        .where(and(eq(invitations.conferenceId, otherId), eq(invitations.status, "issued"))),
    ))!;
    const venue = (await firstRow((await e2eDb()).select().from(sites).where(eq(sites.id, letter.siteId))))!.venue;
    await input.fill(letter.token!);
    await input.press("Enter");
    await expect(verdict).toHaveAttribute("data-verdict", "wrong_conference");
    await expect(verdict).toContainText("Giấy mời của hội nghị khác");
    await expect(page.getByTestId("verdict-other")).toContainText(`${formatRange(other.startsAt, other.endsAt)} · Huyện Ba Tơ · ${venue}`);
    await expect(page.getByTestId("verdict-advice")).toContainText("xem lại ngày, nơi họp ghi trên giấy mời");
  });

  test("door staff open the live counter of their site (not of another conference), readable at 390 px", async ({ page }) => {
    const { conference, site } = await practiceConference();
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, "diemdanh");
    await page.goto(`/checkin/${site.id}`);
    const link = page.getByRole("link", { name: "Màn hình máy chiếu" });
    await expect(link).toHaveAttribute("href", `/conferences/${conference.id}/live?site=${site.id}`);
    const response = await page.goto(`/conferences/${conference.id}/live?site=${site.id}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId("live-present")).toContainText("Có mặt");
    await expect(page.getByTestId("live-chart")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect((await page.request.get(`/api/conferences/${conference.id}/live`)).status()).toBe(200);
    // Another conference: not theirs.
    const other = await conferenceIdOf("535", "propaganda");
    expect((await page.goto(`/conferences/${other}/live`))?.status()).toBe(404);
    expect((await page.request.get(`/api/conferences/${other}/live`)).status()).toBe(404);
  });
});

test.describe("the camera is a phone's main tool", () => {
  test("on a touch screen the camera comes before the hardware scanner's field; on a desktop after it", async ({ browser }) => {
    const { site } = await practiceConference();
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: "vi-VN",
      timezoneId: "Asia/Ho_Chi_Minh",
    });
    const page = await phone.newPage();
    await signIn(page, "diemdanh");
    await page.goto(`/checkin/${site.id}`);
    const camera = await page.getByTestId("camera-section").boundingBox();
    const wedge = await page.getByLabel("Mã từ máy quét").boundingBox();
    expect(camera!.y).toBeLessThan(wedge!.y);
    // No keyboard popping up over the camera: the field is not focused on a phone.
    await expect(page.getByLabel("Mã từ máy quét")).not.toBeFocused();
    await phone.close();

    const desktop = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
    const wide = await desktop.newPage();
    await signIn(wide, "diemdanh");
    await wide.goto(`/checkin/${site.id}`);
    const wedgeBox = (await wide.getByLabel("Mã từ máy quét").boundingBox())!;
    const cameraBox = (await wide.getByTestId("camera-section").boundingBox())!;
    expect(wedgeBox.y < cameraBox.y || (wedgeBox.y <= cameraBox.y + cameraBox.height && wedgeBox.x < cameraBox.x)).toBe(true);
    await expect(wide.getByLabel("Mã từ máy quét")).toBeFocused();
    await desktop.close();
  });
});
