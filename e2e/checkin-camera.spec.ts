import { eq } from "drizzle-orm";
import { checkIns } from "@/db/schema";
import { e2eDb, expect, practiceConference, signIn, test } from "./fixtures";

test("a real camera feed: the QR is read, the guest is let in, and read again it is a duplicate", async ({ page }) => {
  const { site, invitations } = await practiceConference();
  const filmed = invitations[0];
  await signIn(page, "diemdanh");
  await page.goto(`/checkin/${site.id}`);
  await expect(page.getByTestId("verdict")).toHaveText("Sẵn sàng quét mã");
  const started = Date.now();
  await page.getByRole("button", { name: "Bật camera" }).click();
  const verdict = page.getByTestId("verdict");
  await expect(verdict).toHaveAttribute("data-verdict", "ok", { timeout: 15_000 });
  await expect(verdict).toContainText("Mời vào");
  console.log(`camera: first verdict ${Date.now() - started} ms after "Bật camera"`);
  expect(await (await e2eDb()).select().from(checkIns).where(eq(checkIns.invitationId, filmed.id))).toMatchObject([{ method: "camera", siteId: site.id }]);
  // Still in front of the camera: after the repeat pause it is read again, now a duplicate.
  await expect(verdict).toHaveAttribute("data-verdict", "duplicate", { timeout: 10_000 });
  await expect(verdict).toContainText("Đã điểm danh lúc");
  expect(await (await e2eDb()).select().from(checkIns).where(eq(checkIns.invitationId, filmed.id))).toHaveLength(1);
});
