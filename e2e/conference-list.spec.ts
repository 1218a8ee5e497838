import { everyInOrder } from "@/lib/async/in-order";
import { returnedRow, firstRow, writerForSetup } from "@/db/client";
/**
 * The conference list: today's and the coming conferences first, from the soonest;
 * then the past ones, the latest first; the filters stay in the form and come back with
 * "← Danh sách hội nghị". Two conferences are added in Sơn Hà (529, the unit scheduling tests
 * write to) under a campaign that starts tomorrow, so no read-only count changes.
 */
import { bodies, conferences, sites } from "@/db/schema";
import { and, eq } from "drizzle-orm";
import { zonedDateKey } from "@/lib/time/zone";
import { createUpcomingCampaign, e2eDb, expect, practiceConference, signIn, test, unitIdOf } from "./fixtures";

/** "07:30–17:00 03/03/2021" or "07:30 03/03/2021 – 11:30 04/03/2021" → the first day as "2021-03-03". */
function firstDayOf(cell: string): string {
  const [, d, m, y] = /(\d{2})\/(\d{2})\/(\d{4})/.exec(cell)!;
  return `${y}-${m}-${d}`;
}

async function addConference(campaignId: number, requirementId: number, title: string, daysAhead: number) {
  const db = await e2eDb();
  const unitId = await unitIdOf("529");
  const body = (await firstRow(
    db
      .select()
      .from(bodies)
      .where(and(eq(bodies.unitId, unitId), eq(bodies.kind, "propaganda"))),
  ))!;
  const start = new Date(Date.now() + daysAhead * 86_400_000);
  const conference = await returnedRow(
    writerForSetup(db)
      .insert(conferences)
      .values({
        campaignId,
        unitId,
        bodyId: body.id,
        requirementId,
        title,
        startsAt: start,
        endsAt: new Date(start.getTime() + 3 * 3_600_000),
        status: "scheduled",
        graceMinutes: 15,
      })
      .returning(),
  );
  await writerForSetup(db)
    .insert(sites)
    .values({ conferenceId: conference.id, unitId, isMain: true, venue: `Phòng họp ${title}` });
  return conference;
}

test("today's and the coming conferences come first, the past ones after, latest first; filters are kept", async ({ page }) => {
  const { campaign, requirements } = await createUpcomingCampaign();
  const later = await addConference(campaign.id, requirements[1].id, `Hội nghị sắp tới sau ${process.pid}`, 9);
  const sooner = await addConference(campaign.id, requirements[0].id, `Hội nghị sắp tới trước ${process.pid}`, 3);
  const today = zonedDateKey(new Date());

  await signIn(page, "admin");
  await page.goto("/conferences");
  const upcoming = page.getByTestId("conference-table-upcoming").locator("tbody tr");
  const past = page.getByTestId("conference-table-past").locator("tbody tr");

  // Today's practice conference comes before the coming ones (other specs may add conferences of
  // today, which may start earlier), then the coming ones from the soonest.
  await expect(upcoming.filter({ hasText: (await practiceConference()).conference.title })).toHaveCount(1);
  const upcomingTitles = await upcoming.locator('td[data-label="Hội nghị"] a').allTextContents();
  expect(upcomingTitles.indexOf(sooner.title)).toBeGreaterThan(upcomingTitles.indexOf((await practiceConference()).conference.title));
  expect(upcomingTitles.indexOf(later.title)).toBeGreaterThan(upcomingTitles.indexOf(sooner.title));
  const upcomingDays = (await upcoming.locator('td[data-label="Thời gian"]').allTextContents()).map(firstDayOf);
  expect(upcomingDays).toEqual([...upcomingDays].sort());
  expect(await everyInOrder(upcomingDays, async (d) => d >= today || d === zonedDateKey((await practiceConference()).conference.startsAt))).toBe(true);

  // The past: every one before today, the latest first (the demo's 31/03/2021 before its 03/03/2021).
  const pastDays = (await past.locator('td[data-label="Thời gian"]').allTextContents()).map(firstDayOf);
  expect(pastDays.length).toBeGreaterThanOrEqual(55);
  expect(pastDays).toEqual([...pastDays].sort().reverse());
  expect(pastDays.every((d) => d < today)).toBe(true);
  expect(pastDays.indexOf("2021-03-31")).toBeLessThan(pastDays.indexOf("2021-03-03"));
  await expect(page.getByRole("heading", { name: /^Hôm nay và sắp tới \(\d+\)$/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Đã qua, gần nhất trước \(\d+\)$/ })).toBeVisible();

  // A filter keeps the order, stays in the form, and the conference page leads back to it.
  await page.getByLabel("Đơn vị").selectOption({ label: "Huyện Sơn Hà" });
  await page.getByLabel("Trạng thái").selectOption({ label: "Đã lên lịch" });
  await page.getByRole("button", { name: "Lọc" }).click();
  await expect(page).toHaveURL(new RegExp(`unit=${await unitIdOf("529")}.*status=scheduled`));
  const filtered = await page.getByTestId("conference-table-upcoming").locator('td[data-label="Hội nghị"] a').allTextContents();
  expect(filtered.indexOf(sooner.title)).toBeGreaterThanOrEqual(0);
  expect(filtered.indexOf(later.title)).toBeGreaterThan(filtered.indexOf(sooner.title));
  await page.getByRole("link", { name: sooner.title }).click();
  await expect(page).toHaveURL(new RegExp(`/conferences/${sooner.id}\\?list=`));
  await page.getByRole("link", { name: "← Danh sách hội nghị" }).click();
  await expect(page).toHaveURL(new RegExp(`/conferences\\?unit=${await unitIdOf("529")}&status=scheduled$`));
  await expect(page.getByLabel("Đơn vị")).toHaveValue(String(await unitIdOf("529")));
  await expect(page.getByLabel("Trạng thái")).toHaveValue("scheduled");

  // Anything else in ?list= is dropped: the way back is only ever a valid list filter.
  await page.goto(`/conferences/${sooner.id}?list=${encodeURIComponent("unit=abc&status=held&next=https://example.org")}`);
  await expect(page.getByRole("link", { name: "← Danh sách hội nghị" })).toHaveAttribute("href", "/conferences?status=held");
});
