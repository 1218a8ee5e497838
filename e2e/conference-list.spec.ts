import { returnedRow, firstRow, writerForSetup } from "@/db/client";
/**
 * The conference list: today's and the coming conferences first, from the soonest;
 * then the past ones, the latest first; the filters stay in the form and come back with
 * "← Danh sách hội nghị". Two conferences are added in Sơn Hà (529, the unit scheduling tests
 * write to) under a campaign that starts tomorrow, so no read-only count changes.
 */
import { bodies, conferences, sites } from "@/db/schema";
import { and, eq } from "drizzle-orm";
import { zonedDateKey, zonedInstant } from "@/lib/time/zone";
import { createUpcomingCampaign, e2eDb, expect, practiceConference, signIn, test, unitIdOf } from "./fixtures";

/** "07:30–17:00 03/03/2021" or "07:30 03/03/2021 – 11:30 04/03/2021" → its days as ["2021-03-03", …]. */
function daysOf(cell: string): string[] {
  return [...cell.matchAll(/(\d{2})\/(\d{2})\/(\d{4})/g)].map(([, d, m, y]) => `${y}-${m}-${d}`);
}
const firstDayOf = (cell: string) => daysOf(cell)[0];
const lastDayOf = (cell: string) => daysOf(cell).at(-1)!;

async function addConference(campaignId: number, requirementId: number | null, title: string, start: Date, hours = 3) {
  const db = await e2eDb();
  const unitId = await unitIdOf("529");
  const body = (await firstRow(
    db
      .select()
      .from(bodies)
      .where(and(eq(bodies.unitId, unitId), eq(bodies.kind, "propaganda"))),
  ))!;
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
        endsAt: new Date(start.getTime() + hours * 3_600_000),
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
  const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000);
  const later = await addConference(campaign.id, requirements[1].id, `Hội nghị sắp tới sau ${process.pid}`, daysAhead(9));
  const sooner = await addConference(campaign.id, requirements[0].id, `Hội nghị sắp tới trước ${process.pid}`, daysAhead(3));
  const today = zonedDateKey(new Date());
  // Over midnight: from 23:00 yesterday to 01:00 today (Vietnam), so it belongs to today whatever the hour now.
  const overnight = await addConference(campaign.id, null, `Hội nghị qua đêm ${process.pid}`, new Date(zonedInstant(today).getTime() - 3_600_000), 2);

  await signIn(page, "admin");
  await page.goto("/conferences");
  const upcoming = page.getByTestId("conference-table-upcoming").locator("tbody tr");
  const past = page.getByTestId("conference-table-past").locator("tbody tr");

  // Today's practice conference comes before the coming ones (other specs may add conferences of
  // today, which may start earlier), then the coming ones from the soonest. A conference is in
  // this group until the end of the day it ends: just after midnight, one that began yesterday
  // evening (the door specs start theirs half an hour ago) is still here, so the rule is on the
  // last day shown.
  await expect(upcoming.filter({ hasText: (await practiceConference()).conference.title })).toHaveCount(1);
  const upcomingTitles = await upcoming.locator('td[data-label="Hội nghị"] a').allTextContents();
  expect(upcomingTitles.indexOf(sooner.title)).toBeGreaterThan(upcomingTitles.indexOf((await practiceConference()).conference.title));
  expect(upcomingTitles.indexOf(later.title)).toBeGreaterThan(upcomingTitles.indexOf(sooner.title));
  expect(upcomingTitles.indexOf(overnight.title)).toBeGreaterThanOrEqual(0);
  expect(upcomingTitles.indexOf(overnight.title)).toBeLessThan(upcomingTitles.indexOf(sooner.title));
  const upcomingCells = await upcoming.locator('td[data-label="Thời gian"]').allTextContents();
  const upcomingDays = upcomingCells.map(firstDayOf);
  expect(upcomingDays).toEqual([...upcomingDays].sort());
  expect(upcomingCells.map(lastDayOf).filter((d) => d < today)).toEqual([]);

  // The past: every one ended before today, the latest first (the demo's 31/03/2021 before its 03/03/2021).
  const pastCells = await past.locator('td[data-label="Thời gian"]').allTextContents();
  const pastDays = pastCells.map(firstDayOf);
  expect(pastDays.length).toBeGreaterThanOrEqual(55);
  expect(pastDays).toEqual([...pastDays].sort().reverse());
  expect(pastCells.map(lastDayOf).filter((d) => d >= today)).toEqual([]);
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
