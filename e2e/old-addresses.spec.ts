/**
 * Addresses from before each feature took one name (docs/decisions/0034) answer with a permanent
 * redirect to the new one, so bookmarks, printed instruction sheets and saved export links work.
 */
import { expect, test } from "./fixtures";

const MOVED: [string, string][] = [
  ["/scan", "/checkin"],
  ["/scan/12", "/checkin/12"],
  ["/conferences/7/attendance", "/conferences/7/report"],
  ["/api/conferences/7/attendance.csv", "/api/conferences/7/report.csv"],
  ["/api/conferences/7/attendance.xlsx", "/api/conferences/7/report.xlsx"],
  ["/api/units/535/attendance.csv?campaign=1", "/api/units/535/report.csv?campaign=1"],
  ["/api/campaigns/1/attendance.xlsx?unit=536", "/api/campaigns/1/report.xlsx?unit=536"],
  ["/api/campaigns/1/compliance.csv", "/api/campaigns/1/board.csv"],
];

test("old addresses lead to the new ones, with their query", async ({ request }) => {
  for (const [old, now] of MOVED) {
    const response = await request.get(old, { maxRedirects: 0 });
    expect(response.status(), old).toBe(308);
    const location = new URL(response.headers()["location"], "http://x");
    expect(location.pathname + location.search, old).toBe(now);
  }
});
