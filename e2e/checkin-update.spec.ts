/**
 * The service worker across a new build (decision 0029): the worker's version is .next/BUILD_ID,
 * read on each request, so writing another id there is what a deployment changes for it. That
 * would update the worker of any door page open at the same moment, so this spec runs alone,
 * after every other (its own Playwright project, "update", which depends on the others: to run it
 * alone, `npx playwright test e2e/checkin-update.spec.ts --no-deps`).
 */
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { checkIns } from "@/db/schema";
import { e2eDb, expect, signIn, test } from "./fixtures";

const BUILD_ID = path.resolve(".next", "BUILD_ID");

test.describe("the door across a deployment", () => {
  test("a new build: the service worker updates, the old build's caches are deleted, and the door still opens and scans offline", async ({
    page,
    context,
    doorConference,
  }) => {
    const { site, invitations: list, cadre } = await doorConference({ invitees: 1 });
    await signIn(page, cadre.username, cadre.password);
    await page.goto(`/checkin/${site.id}`);
    await expect(page.getByTestId("present-count")).not.toHaveText("…");
    const oldBuild = fs.readFileSync(BUILD_ID, "utf8").trim();
    // Its time too: scripts/start.ts rebuilds when a source is newer than BUILD_ID.
    const { atime, mtime } = fs.statSync(BUILD_ID);
    const cachesNamed = () => page.evaluate(() => caches.keys());
    const pageKept = () => page.evaluate(async () => Boolean(navigator.serviceWorker.controller && (await caches.match(location.origin + location.pathname))));
    await expect.poll(pageKept, { timeout: 20_000 }).toBe(true);
    expect(await cachesNamed()).toEqual(expect.arrayContaining([`qt-door-assets-${oldBuild}`, `qt-door-pages-${oldBuild}`]));

    // Another build in place (same files, another id): what a deployment changes for the worker.
    const newBuild = `${oldBuild}-next`;
    fs.writeFileSync(BUILD_ID, newBuild);
    try {
      expect(await (await page.request.get("/sw.js")).text()).toContain(`"version":"${newBuild}"`);
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      const kinds = ["assets", "pages", "runtime"];
      const oldNames = kinds.map((kind) => `qt-door-${kind}-${oldBuild}`);
      await expect
        .poll(
          async () => {
            const names = await cachesNamed();
            return {
              old: names.filter((name) => oldNames.includes(name)),
              assets: names.includes(`qt-door-assets-${newBuild}`),
              pages: names.includes(`qt-door-pages-${newBuild}`),
            };
          },
          { timeout: 20_000 },
        )
        .toEqual({ old: [], assets: true, pages: true });
    } finally {
      fs.writeFileSync(BUILD_ID, oldBuild);
      fs.utimesSync(BUILD_ID, atime, mtime);
    }
    // The new worker brought the door page over from the old build's cache, fetched again.
    expect(await pageKept()).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId("door-status")).toHaveAttribute("data-connection", "offline");
    await expect(page.getByTestId("present-count")).not.toHaveText("…");
    const input = page.getByLabel("Mã từ máy quét");
    await input.fill(list[0].token);
    await input.press("Enter");
    const verdict = page.getByTestId("verdict");
    await expect(verdict).toHaveAttribute("data-verdict", "ok");
    await expect(verdict).toHaveAttribute("data-offline", "true");
    await expect(page.getByTestId("queue-count")).toHaveAttribute("data-count", "1");
    // The camera's decoder is there too (precached from the build, not reported by the page).
    expect(await page.evaluate(async () => Boolean(await caches.match("/zxing/zxing_reader.wasm")))).toBe(true);

    await context.setOffline(false);
    await expect(page.getByTestId("queue-count")).toHaveAttribute("data-count", "0", { timeout: 15_000 });
    expect(await (await e2eDb()).select().from(checkIns).where(eq(checkIns.invitationId, list[0].id))).toHaveLength(1);
  });
});
