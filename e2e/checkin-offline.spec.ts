import { refuseInserts } from "@/lib/testing/fault-trigger";
import { firstRow } from "@/db/client";
/**
 * The door with the network down: the page reloads from the service worker,
 * verdicts come from the device, scans wait in IndexedDB and sync when the
 * network is back, without losing or doubling a check-in.
 * Each test makes its own door conference (the doorConference fixture).
 */
import type { BrowserContext, Page } from "@playwright/test";
import { asc, eq, inArray } from "drizzle-orm";
import { checkIns, scanLog, sites } from "@/db/schema";
import { e2eDb, expect, signIn, test, unitIdOf } from "./fixtures";

/** The scanner is open online, its roster is on the device and the service worker keeps the page and its code. */
async function openScannerReady(page: Page, siteId: number) {
  await page.goto(`/checkin/${siteId}`);
  await expect(page.getByTestId("door-status")).toHaveAttribute("data-connection", "online");
  await expect(page.getByTestId("present-count")).not.toHaveText("…");
  // evaluate awaits the page's promise (waitForFunction would take the promise itself as truthy).
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          if (!navigator.serviceWorker.controller) return "no service worker yet";
          if (!(await caches.match(location.origin + location.pathname))) return "page not kept yet";
          // The page's code (fonts are cosmetic: kept once fetched through the worker).
          const loaded = performance
            .getEntriesByType("resource")
            .map((e) => e.name)
            .filter((n) => n.includes("/_next/static/") && /\.(js|css)$/.test(new URL(n).pathname));
          for (const name of loaded) if (!(await caches.match(name))) return `not kept yet: ${name}`;
          return loaded.length > 0 ? "kept" : "no assets";
        }),
      { timeout: 20_000, intervals: [250] },
    )
    .toBe("kept");
}

async function scan(page: Page, token: string) {
  const input = page.getByLabel("Mã từ máy quét");
  await input.fill(token);
  await input.press("Enter");
}

async function goOffline(context: BrowserContext, page: Page) {
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId("door-status")).toHaveAttribute("data-connection", "offline");
  await expect(page.getByTestId("door-status")).toContainText("Mất mạng");
  await expect(page.getByTestId("present-count")).not.toHaveText("…");
}

const deviceOf = (page: Page) => page.getByTestId("device-id").getAttribute("data-device");

test.describe("the door offline", () => {
  test("reload offline still works; 3 scans (one twice) queue with a local duplicate; back online the queue drains into exactly 2 check-ins and the duplicate row", async ({
    page,
    context,
    doorConference,
  }) => {
    const { site, invitations: list, cadre } = await doorConference({ invitees: 4 });
    const [a, b] = [list[0], list[1]];
    await signIn(page, cadre.username, cadre.password);
    await openScannerReady(page, site.id);
    await goOffline(context, page);

    const verdict = page.getByTestId("verdict");
    await scan(page, a.token!);
    await expect(verdict).toHaveAttribute("data-verdict", "ok");
    await expect(verdict).toHaveAttribute("data-offline", "true");
    await expect(verdict).toContainText("Kiểm tra trên máy");
    await scan(page, b.token!);
    await expect(verdict).toHaveAttribute("data-verdict", "ok");
    await scan(page, a.token!);
    await expect(verdict).toHaveAttribute("data-verdict", "duplicate");
    await expect(verdict).toContainText(`(máy ${await deviceOf(page)})`);
    await expect(page.getByTestId("queue-count")).toHaveAttribute("data-count", "3");
    await expect(page.getByTestId("queue-count")).toHaveText("Chờ đồng bộ: 3");
    const db = await e2eDb();
    expect(
      await db
        .select()
        .from(checkIns)
        .where(inArray(checkIns.invitationId, [a.id, b.id])),
    ).toHaveLength(0);

    // Manual search works offline too, from the roster on the device.
    await expect(page.getByLabel("Tên hoặc số điện thoại cần tìm")).toBeEnabled();

    await context.setOffline(false);
    await expect(page.getByTestId("door-status")).toHaveAttribute("data-connection", "online", { timeout: 15_000 });
    await expect(page.getByTestId("queue-count")).toHaveAttribute("data-count", "0", { timeout: 15_000 });
    const rows = await db
      .select()
      .from(checkIns)
      .where(inArray(checkIns.invitationId, [a.id, b.id]))
      .orderBy(asc(checkIns.invitationId));
    expect(rows.map((r) => [r.invitationId, r.wasOffline])).toEqual([
      [a.id, true],
      [b.id, true],
    ]);
    const log = await db.select().from(scanLog).where(eq(scanLog.invitationId, a.id)).orderBy(asc(scanLog.scannedAt));
    expect(log.map((l) => l.verdict)).toEqual(["ok", "duplicate"]);
    expect(log[1].firstDeviceId).toBe(await deviceOf(page));
    expect(log[1].firstScannedAt?.getTime()).toBe(rows[0].scannedAt.getTime());
  });

  test("two devices offline scan the same letter: after both sync, one check-in with the earliest device time; the other is a duplicate with its device, and its door sees it", async ({
    browser,
    doorConference,
  }) => {
    const { site, invitations: list, cadre } = await doorConference({ invitees: 4 });
    const [shared, first, second] = [list[0], list[1], list[2]];
    const devices = [];
    for (let i = 0; i < 2; i++) {
      const context = await browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
      const page = await context.newPage();
      await signIn(page, cadre.username, cadre.password);
      await openScannerReady(page, site.id);
      await goOffline(context, page);
      devices.push({ context, page, id: await deviceOf(page) });
    }
    const [early, late] = devices;
    expect(early.id).not.toBe(late.id);

    await scan(early.page, shared.token!);
    await expect(early.page.getByTestId("verdict")).toHaveAttribute("data-verdict", "ok");
    await scan(early.page, first.token!);
    await expect(early.page.getByTestId("queue-count")).toHaveAttribute("data-count", "2");
    await scan(late.page, shared.token!);
    await expect(late.page.getByTestId("verdict")).toHaveAttribute("data-verdict", "ok");
    await scan(late.page, second.token!);
    await expect(late.page.getByTestId("queue-count")).toHaveAttribute("data-count", "2");

    // The later scan reaches the server first…
    await late.context.setOffline(false);
    await expect(late.page.getByTestId("queue-count")).toHaveAttribute("data-count", "0", { timeout: 15_000 });
    const db = await e2eDb();
    expect((await firstRow(db.select().from(checkIns).where(eq(checkIns.invitationId, shared.id))))?.deviceId).toBe(late.id);
    // …then the earlier one, which takes the check-in.
    await early.context.setOffline(false);
    await expect(early.page.getByTestId("queue-count")).toHaveAttribute("data-count", "0", { timeout: 15_000 });

    const checks = await db
      .select()
      .from(checkIns)
      .where(inArray(checkIns.invitationId, [shared.id, first.id, second.id]));
    expect(checks).toHaveLength(3);
    const sharedCheckIn = checks.find((c) => c.invitationId === shared.id)!;
    expect(sharedCheckIn.deviceId).toBe(early.id);
    const log = await db.select().from(scanLog).where(eq(scanLog.invitationId, shared.id)).orderBy(asc(scanLog.scannedAt));
    expect(log.map((l) => [l.deviceId, l.verdict])).toEqual([
      [early.id, "ok"],
      [late.id, "duplicate"],
    ]);
    expect(log[0].scannedAt.getTime()).toBe(sharedCheckIn.scannedAt.getTime());
    expect([log[1].firstDeviceId, log[1].firstScannedAt?.getTime()]).toEqual([early.id, sharedCheckIn.scannedAt.getTime()]);

    // The later device learns of it at its next roster refresh (here: reopening the page).
    await late.page.reload();
    const conflicts = late.page.getByTestId("sync-conflicts");
    await expect(conflicts).toContainText("Lúc quét: Mời vào");
    await expect(conflicts).toContainText(`(${early.id})`);
    for (const d of devices) await d.context.close();
  });

  test("a guest found by name and a walk-in, both offline, sync too", async ({ page, context, doorConference }) => {
    const { site, invitations: list, cadre } = await doorConference({ invitees: 4 });
    const guest = list[0];
    const person = (await (await e2eDb()).query.people.findFirst({ where: (p, { eq: e }) => e(p.id, guest.personId) }))!;
    await signIn(page, cadre.username, cadre.password);
    await openScannerReady(page, site.id);
    await goOffline(context, page);
    await page.getByLabel("Tên hoặc số điện thoại cần tìm").fill(person.searchName);
    await page.getByTestId("roster-results").locator("li", { hasText: person.fullName }).first().getByRole("button", { name: "Điểm danh" }).click();
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "ok");
    await expect(page.getByTestId("verdict")).toContainText(person.fullName);
    const walkInName = `Khách ngoại tuyến ${Date.now()}`;
    await page.getByLabel("Họ và tên").fill(walkInName);
    await page.getByRole("button", { name: "Ghi nhận và điểm danh" }).click();
    await expect(page.getByTestId("verdict")).toContainText(walkInName);
    await expect(page.getByTestId("queue-count")).toHaveAttribute("data-count", "2");

    await context.setOffline(false);
    await expect(page.getByTestId("queue-count")).toHaveAttribute("data-count", "0", { timeout: 15_000 });
    const db = await e2eDb();
    expect(await firstRow(db.select().from(checkIns).where(eq(checkIns.invitationId, guest.id)))).toMatchObject({ method: "manual", wasOffline: true });
    const walkIn = await db.query.people.findFirst({ where: (p, { eq: e }) => e(p.fullName, walkInName) });
    expect(walkIn).toBeTruthy();
  });

  test("a slow server is noticed without a switch: the door answers itself, queues, and the late reply and the sync make one check-in", async ({
    page,
    doorConference,
  }) => {
    const { site, invitations: list, cadre } = await doorConference({ invitees: 4 });
    const guest = list[0];
    await signIn(page, cadre.username, cadre.password);
    await openScannerReady(page, site.id);
    // The hall's link stalls: check-ins take 5 s to get through (the network is "up" as far as the browser knows).
    await page.route("**/api/checkin", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      await route.continue().catch(() => undefined);
    });
    const started = Date.now();
    await scan(page, guest.token!);
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "ok");
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-offline", "true");
    expect(Date.now() - started).toBeLessThan(4500);
    await expect(page.getByTestId("door-status")).toHaveAttribute("data-connection", "offline");
    await page.unroute("**/api/checkin");
    // The probe finds the server again and the queue is sent; the stalled request, if it arrived, had the same nonce.
    await expect(page.getByTestId("door-status")).toHaveAttribute("data-connection", "online", { timeout: 15_000 });
    await expect(page.getByTestId("queue-count")).toHaveAttribute("data-count", "0", { timeout: 15_000 });
    const db = await e2eDb();
    expect(await db.select().from(checkIns).where(eq(checkIns.invitationId, guest.id))).toHaveLength(1);
    await expect.poll(async () => (await db.select().from(scanLog).where(eq(scanLog.invitationId, guest.id))).length, { timeout: 8000 }).toBe(1);
  });

  test("an item the server fails on stays on the door with its reason and a retry button; the others sync, and the retry records it", async ({
    page,
    context,
    doorConference,
  }) => {
    const { site, invitations: list, cadre } = await doorConference({ invitees: 4 });
    const [good, failing] = [list[0], list[1]];
    await signIn(page, cadre.username, cadre.password);
    await openScannerReady(page, site.id);
    await goOffline(context, page);
    await scan(page, good.token!);
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "ok");
    await scan(page, failing.token!);
    await expect(page.getByTestId("queue-count")).toHaveAttribute("data-count", "2");

    // The database refuses the one check-in (a real failure of the database, not a parse error).
    const db = await e2eDb();
    const checkInsOf = async (id: number) => await db.select().from(checkIns).where(eq(checkIns.invitationId, id));
    const removeTrigger = await refuseInserts(db, {
      name: "e2e_fail_one_check_in",
      table: "check_ins",
      column: "invitation_id",
      equals: failing.id,
      message: "injected failure",
    });
    const conflicts = page.getByTestId("sync-conflicts");
    try {
      await context.setOffline(false);
      await expect(page.getByTestId("queue-count")).toHaveAttribute("data-count", "0", { timeout: 15_000 });
      expect(await checkInsOf(good.id)).toHaveLength(1);
      expect(await checkInsOf(failing.id)).toHaveLength(0);
      await expect(conflicts).toContainText("Không ghi được: Máy chủ không ghi được lượt này");
      await expect(conflicts.getByRole("button", { name: "Thử lại" })).toHaveCount(1);
    } finally {
      await removeTrigger();
    }
    // Not resent by itself: it waits for the door staff.
    await page.waitForTimeout(1500);
    expect(await checkInsOf(failing.id)).toHaveLength(0);
    await conflicts.getByRole("button", { name: "Thử lại" }).click();
    await expect.poll(async () => (await checkInsOf(failing.id)).length, { timeout: 15_000 }).toBe(1);
    await expect(page.getByTestId("queue-count")).toHaveAttribute("data-count", "0");
    await expect(page.getByRole("button", { name: "Thử lại" })).toHaveCount(0);
  });

  test("the roster and the batch API: own site only, no tokens in the roster, clear 4xx for bad input", async ({ page, request, doorConference }) => {
    const { site, invitations: list, cadre } = await doorConference({ invitees: 4 });
    const other = (await firstRow(
      (await e2eDb())
        .select()
        .from(sites)
        .where(eq(sites.unitId, await unitIdOf("536"))),
    ))!;
    expect((await request.get(`/api/sites/${site.id}/roster`)).status()).toBe(401);
    expect((await request.post("/api/checkin/batch", { data: { siteId: site.id, items: [] } })).status()).toBe(401);
    await signIn(page, cadre.username, cadre.password);
    const own = await page.request.get(`/api/sites/${site.id}/roster`);
    expect(own.status()).toBe(200);
    const text = await own.text();
    const roster = JSON.parse(text);
    // This site's invitees only (drafts as bare ids), and of a phone its last four digits (docs/decisions/0015).
    expect(roster.invitations.length).toBe(list.filter((i) => i.kind === "invited" && i.siteId === site.id).length);
    expect((roster.invitations as unknown[][]).every((row) => row[1] === site.id && /^\d{0,4}$/.test(String(row[9])))).toBe(true);
    for (const invitation of list.filter((i) => i.token)) expect(text).not.toContain(invitation.token!.slice(0, 40));
    expect((await page.request.get(`/api/sites/${other.id}/roster`)).status()).toBe(403);
    expect((await page.request.get("/api/sites/abc/roster")).status()).toBe(404);
    const item = { type: "scan", token: list[0].token, deviceId: "may-e2e", nonce: `n${Date.now()}abcdef`, scannedAt: Date.now(), method: "camera" };
    expect((await page.request.post("/api/checkin/batch", { data: { siteId: other.id, items: [item] } })).status()).toBe(403);
    for (const bad of [
      { siteId: site.id, items: [] },
      { siteId: site.id, items: Array(201).fill(item) },
      { siteId: "x", items: [item] },
    ]) {
      const response = await page.request.post("/api/checkin/batch", { data: bad });
      expect(response.status()).toBe(400);
      expect((await response.json()).message).toBeTruthy();
    }
    expect(await (await e2eDb()).select().from(checkIns).where(eq(checkIns.invitationId, list[0].id))).toHaveLength(0);
  });

  test("installable: the manifest names the door app with its icons, and the service worker is served from the app itself", async ({ request }) => {
    const manifest = await (await request.get("/manifest.webmanifest")).json();
    expect(manifest).toMatchObject({ start_url: "/checkin", display: "standalone", lang: "vi" });
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    for (const icon of manifest.icons) {
      const response = await request.get(icon.src);
      expect(response.status(), icon.src).toBe(200);
      expect(response.headers()["content-type"]).toBe("image/png");
    }
    const worker = await request.get("/sw.js");
    expect(worker.status()).toBe(200);
    expect(await worker.text()).not.toMatch(/https?:\/\/(?!localhost)/);
  });
});
