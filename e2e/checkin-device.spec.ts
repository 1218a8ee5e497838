import { firstRow } from "@/db/client";
/**
 * The door device's own parts in a real browser (decision 0029): its IndexedDB store across a
 * schema upgrade and beside an old tab, and its sync queue against a refusing server. Each test
 * makes its own door conference (the doorConference fixture). The service worker across a new
 * build is e2e/checkin-update.spec.ts, run alone after the others.
 */
import type { BrowserContext, Page, Request } from "@playwright/test";
import { eq, inArray } from "drizzle-orm";
import { checkIns } from "@/db/schema";
import { e2eDb, expect, signIn, test } from "./fixtures";

const DB_NAME = "quan-triet-door";

/** A queued scan as the door stores it (lib/checkin/device/door-store.ts, StoredScan). */
function queuedScan(siteId: number, token: string, n: number, state: "queued" | "synced" = "queued") {
  const nonce = `upgrade-${n}-${Date.now().toString(36)}`;
  const scannedAt = Date.now() - (10 - n) * 60_000;
  return {
    nonce,
    siteId,
    item: { type: "scan", token, deviceId: "may-CU01", nonce, scannedAt, method: "hardware" },
    shown: { verdict: "ok" },
    state,
    ...(state === "synced" ? { syncedAt: scannedAt + 1000 } : {}),
  };
}

/**
 * Today's store, made exactly as the code before version 2 made it (same name, version 1, the
 * same stores and indexes), holding `scans`. With `keepOpen` the connection stays open with no
 * versionchange handler, as an old tab running that code does.
 */
async function makeVersionOneStore(page: Page, scans: unknown[], keepOpen = false) {
  await page.evaluate(
    ([name, rows, keep]) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(name, 1);
        request.onupgradeneeded = () => {
          const db = request.result;
          db.createObjectStore("rosters", { keyPath: "siteId" });
          const scans = db.createObjectStore("scans", { keyPath: "nonce" });
          scans.createIndex("bySite", "siteId");
          scans.createIndex("byState", "state");
        };
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction("scans", "readwrite");
          for (const row of rows) tx.objectStore("scans").put(row);
          tx.oncomplete = () => {
            if (keep) (window as unknown as { oldDoor: IDBDatabase }).oldDoor = db;
            else db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [DB_NAME, scans, keepOpen] as const,
  );
}

/** The store as the browser has it now: version, indexes of "scans", and each scan's nonce and state. */
const readStore = (page: Page) =>
  page.evaluate(
    (name) =>
      new Promise<{ version: number; indexes: string[]; scans: { nonce: string; state: string }[] }>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const store = db.transaction("scans").objectStore("scans");
          const all = store.getAll();
          all.onsuccess = () => {
            resolve({
              version: db.version,
              indexes: [...store.indexNames].sort(),
              scans: (all.result as { nonce: string; state: string }[]).map((s) => ({ nonce: s.nonce, state: s.state })),
            });
            db.close();
          };
        };
      }),
    DB_NAME,
  );

/** The nonces sent in each batch request the server accepted. */
function watchBatches(page: Page) {
  const sent: string[] = [];
  page.on("requestfinished", (request: Request) => {
    if (!request.url().endsWith("/api/checkin/batch")) return;
    void request.response().then((response) => {
      if (response?.ok()) for (const item of (request.postDataJSON() as { items: { nonce: string }[] }).items) sent.push(item.nonce);
    });
  });
  return sent;
}

/** Off and on again: the browser's events make the device probe the server and drain its queue. */
async function reconnect(context: BrowserContext) {
  await context.setOffline(true);
  await context.setOffline(false);
}

test.describe("the door device", () => {
  test("scans queued by today's store survive its upgrade to version 2 and a reload; a refused batch keeps them; sync sends each once", async ({
    page,
    context,
    doorConference,
  }) => {
    const { site, invitations: list, cadre } = await doorConference({ invitees: 3 });
    const [a, b, done] = list;
    await signIn(page, cadre.username, cadre.password);
    const scans = [queuedScan(site.id, a.token!, 1), queuedScan(site.id, b.token!, 2), queuedScan(site.id, done.token!, 3, "synced")];
    await makeVersionOneStore(page, scans);
    expect((await readStore(page)).version).toBe(1);

    // The server refuses every batch at first (as it does for a cadre no longer assigned here).
    await page.route("**/api/checkin/batch", (route) => route.fulfill({ status: 403, json: { message: "Thử: chưa nhận" } }));
    const sent = watchBatches(page);
    await page.goto(`/checkin/${site.id}`);
    await expect(page.getByTestId("queue-count")).toHaveAttribute("data-count", "2");
    await expect(page.getByText("Máy chủ chưa nhận các lượt quét chờ: Thử: chưa nhận")).toBeVisible();
    const upgraded = await readStore(page);
    expect(upgraded.version).toBe(2);
    expect(upgraded.indexes).toEqual(["bySite", "byState", "byStateTime"]);
    expect(upgraded.scans.sort((x, y) => x.nonce.localeCompare(y.nonce))).toEqual(scans.map((s) => ({ nonce: s.nonce, state: s.state })));

    await page.reload();
    await expect(page.getByTestId("queue-count")).toHaveAttribute("data-count", "2");
    expect(
      await (
        await e2eDb()
      )
        .select()
        .from(checkIns)
        .where(inArray(checkIns.invitationId, [a.id, b.id, done.id])),
    ).toHaveLength(0);

    // The server takes them now: each queued scan is sent once, the synced one never.
    await page.unroute("**/api/checkin/batch");
    await reconnect(context);
    await expect(page.getByTestId("queue-count")).toHaveAttribute("data-count", "0", { timeout: 15_000 });
    await expect(page.getByText("Máy chủ chưa nhận các lượt quét chờ")).toBeHidden();
    await reconnect(context);
    await expect.poll(() => sent.length).toBe(2);
    await page.waitForTimeout(500);
    expect(sent.sort()).toEqual([scans[0].nonce, scans[1].nonce].sort());
    const rows = await (
      await e2eDb()
    )
      .select()
      .from(checkIns)
      .where(inArray(checkIns.invitationId, [a.id, b.id, done.id]));
    expect(rows.map((r) => [r.invitationId, r.deviceId, r.wasOffline]).sort()).toEqual(
      [
        [a.id, "may-CU01", true],
        [b.id, "may-CU01", true],
      ].sort(),
    );
    expect((await readStore(page)).scans.filter((s) => s.state === "queued")).toEqual([]);
  });

  test("an old tab holding version 1 open: the door says so in words and waits; once that tab closes it opens, with the old tab's queue", async ({
    context,
    doorConference,
  }) => {
    const { site, invitations: list, cadre } = await doorConference({ invitees: 1 });
    const old = await context.newPage();
    await signIn(old, cadre.username, cadre.password);
    const waiting = queuedScan(site.id, list[0].token, 4);
    await makeVersionOneStore(old, [waiting], true);

    const door = await context.newPage();
    await door.goto(`/checkin/${site.id}`);
    const notice = door.getByTestId("door-store");
    await expect(notice).toHaveAttribute("data-store", "blocked");
    await expect(notice).toContainText("Một trang điểm danh khác trên máy này đang chạy phiên bản cũ");
    await expect(notice).toContainText("Các lượt quét chờ đồng bộ vẫn được giữ nguyên");

    await old.close();
    await expect(notice).toBeHidden({ timeout: 10_000 });
    // The count reads 0 before the store has loaded too, so the proof is the server's row: the old tab's scan, by its nonce.
    const recordedNonce = async () => (await firstRow((await e2eDb()).select().from(checkIns).where(eq(checkIns.invitationId, list[0].id))))?.nonce;
    await expect.poll(recordedNonce, { timeout: 15_000 }).toBe(waiting.nonce);
    await expect(door.getByTestId("queue-count")).toHaveAttribute("data-count", "0");
  });

  test("a newer version asking for the store: the door closes its connection at once (the newer one is not blocked) and reloads", async ({
    page,
    context,
    doorConference,
  }) => {
    const { site, cadre } = await doorConference({ invitees: 1 });
    await signIn(page, cadre.username, cadre.password);
    await page.goto(`/checkin/${site.id}`);
    await expect(page.getByTestId("present-count")).not.toHaveText("…");
    await page.evaluate(() => ((window as unknown as { beforeUpgrade: boolean }).beforeUpgrade = true));

    const newer = await context.newPage();
    await newer.goto("/");
    const reloaded = page.waitForEvent("load");
    const outcome = await newer.evaluate(
      (name) =>
        new Promise<string>((resolve) => {
          let blocked = false;
          const request = indexedDB.open(name, 3);
          request.onblocked = () => (blocked = true);
          request.onsuccess = () => {
            request.result.close();
            resolve(blocked ? "opened after being blocked" : "opened");
          };
          request.onerror = () => resolve(`error ${request.error?.name}`);
        }),
      DB_NAME,
    );
    expect(outcome).toBe("opened");
    // Reloaded (the marker is gone); this old page's code cannot open version 3 and says a reload brings the new code.
    await reloaded;
    await expect(page.getByTestId("door-store")).toHaveAttribute("data-store", "outdated");
    expect(await page.evaluate(() => (window as unknown as { beforeUpgrade?: boolean }).beforeUpgrade ?? false)).toBe(false);
  });
});
