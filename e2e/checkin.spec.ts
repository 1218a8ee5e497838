import { firstRow, writerForSetup } from "@/db/client";
import { count, eq } from "drizzle-orm";
import { auditLog, checkIns, invitations, people, scanLog, sites } from "@/db/schema";
import { e2eDb, expect, signIn, test, unitIdOf } from "./fixtures";

const body = (siteId: number, token: string, extra: Record<string, unknown> = {}) => ({
  token,
  siteId,
  deviceId: "may-e2e",
  nonce: `n${Math.random().toString(36).slice(2)}${Date.now()}`,
  scannedAt: Date.now(),
  method: "hardware",
  ...extra,
});

test.describe("the door", () => {
  // Each test makes its own conference (the doorConference fixture): any order, side by side.
  test.describe.configure({ mode: "parallel" });
  test("hardware scanner: token + Enter lets the guest in and keeps focus; a revoked letter is red", async ({ page, doorConference }) => {
    const { site, invitations: list, cadre } = await doorConference({ invitees: 2 });
    await signIn(page, cadre.username, cadre.password);
    await page.goto(`/checkin/${site.id}`);
    const input = page.getByLabel("Mã từ máy quét");
    await expect(input).toBeFocused();
    // Caps Lock on the scanner: lowercase still works.
    await input.pressSequentially(list[0].token.toLowerCase());
    await input.press("Enter");
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "ok");
    await expect(input).toBeFocused();
    await expect(input).toHaveValue("");

    await writerForSetup(await e2eDb())
      .update(invitations)
      .set({ status: "revoked", revokedAt: new Date() })
      .where(eq(invitations.id, list[1].id));
    await input.fill(list[1].token);
    await input.press("Enter");
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "revoked");
    await expect(page.getByTestId("verdict")).toContainText("Giấy mời đã bị thu hồi");
  });

  test("a lower-case token (with spaces around it) posted straight to /api/checkin is accepted", async ({ page, doorConference }) => {
    const {
      site,
      invitations: [letter],
      cadre,
    } = await doorConference({ invitees: 1 });
    await signIn(page, cadre.username, cadre.password);
    const lower = await page.request.post("/api/checkin", { data: body(site.id, ` ${letter.token.toLowerCase()}\n`) });
    expect(lower.status()).toBe(200);
    expect(await lower.json()).toMatchObject({ verdict: "ok", invitationId: letter.id });
    expect(await (await e2eDb()).select().from(checkIns).where(eq(checkIns.invitationId, letter.id))).toHaveLength(1);
  });

  test("manual search without diacritics checks in with one tap", async ({ page, doorConference }) => {
    const { site, invitations: list, people: invitees, cadre } = await doorConference({ invitees: 3 });
    const person = invitees[2];
    await signIn(page, cadre.username, cadre.password);
    await page.goto(`/checkin/${site.id}`);
    await page.getByLabel("Tên hoặc số điện thoại cần tìm").fill(person.searchName);
    const row = page.getByTestId("roster-results").locator("li", { hasText: person.fullName }).first();
    await row.getByRole("button", { name: "Điểm danh" }).click();
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "ok");
    await expect(page.getByTestId("verdict")).toContainText(person.fullName);
    await expect(row).toContainText("Đã có mặt");
    expect((await firstRow((await e2eDb()).select().from(checkIns).where(eq(checkIns.invitationId, list[2].id))))?.method).toBe("manual");
  });

  test("the API refuses a site the scanner is not assigned to (403), without a session (401), and bad bodies (400, 413 when too large)", async ({
    page,
    request,
    doorConference,
  }) => {
    const { site, invitations: list, cadre } = await doorConference({ invitees: 1 });
    const other = (await firstRow(
      (await e2eDb())
        .select()
        .from(sites)
        .where(eq(sites.unitId, await unitIdOf("536"))),
    ))!;
    expect((await request.post("/api/checkin", { data: body(site.id, list[0].token) })).status()).toBe(401);
    await signIn(page, cadre.username, cadre.password);
    expect((await page.request.post("/api/checkin", { data: body(other.id, list[0].token) })).status()).toBe(403);
    expect((await page.goto(`/checkin/${other.id}`))?.status()).toBe(200);
    await expect(page.getByText("Bạn không được phân công điểm danh ở điểm cầu này.")).toBeVisible();

    for (const bad of ["{", "[]", "null", JSON.stringify({ token: 1 }), JSON.stringify({ ...body(site.id, "X"), nonce: "a" }), "x".repeat(10_000)]) {
      const response = await page.request.post("/api/checkin", { data: bad, headers: { "content-type": "application/json" } });
      // Past the 4 KB body limit: 413.
      expect(response.status(), bad.slice(0, 30)).toBe(bad.length > 4096 ? 413 : 400);
      expect((await response.json()).message).toBeTruthy();
    }
  });

  test("bad tokens get the right verdict, never a 500", async ({ page, doorConference }) => {
    const { site, invitations: list, cadre } = await doorConference({ invitees: 1 });
    const token = list[0].token;
    await signIn(page, cadre.username, cadre.password);
    const cases: [string, string][] = [
      [token.slice(0, 90), "unknown"],
      [`${token.slice(0, 40)}${token[40] === "Q" ? "R" : "Q"}${token.slice(41)}`, "bad_signature"],
      // Caps Lock on the scanner: read as the token (lib/tokens/normalize-token.ts); the later cases see it checked in.
      [token.toLowerCase(), "ok"],
      // Every D made "đ" reads as "DD" (Telex), which is no token: unknown, not another guest.
      [token.replace(/D/g, "đ") === token ? `đ${token.slice(1)}` : token.replace(/D/g, "đ"), "unknown"],
      ["<img src=x onerror=alert(1)>", "unknown"],
    ];
    for (const [text, verdict] of cases) {
      const response = await page.request.post("/api/checkin", { data: body(site.id, text) });
      expect(response.status()).toBe(200);
      expect((await response.json()).verdict).toBe(verdict);
    }
    const garbage = await page.request.post("/api/checkin", { data: body(site.id, "Z".repeat(10_000)) });
    expect(garbage.status()).toBe(413);
  });

  test("8 concurrent clients post 1,000 distinct tokens with 20% repeats: exactly 1,000 check-ins, every repeat a duplicate", async ({
    playwright,
    doorConference,
  }) => {
    test.setTimeout(120_000);
    const db = await e2eDb();
    const { conference, site, invitations: letters, cadre } = await doorConference({ invitees: 1000 });
    const tokens = letters.map((l) => l.token);
    const login = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    const csrf = (await (await login.get("/api/auth/csrf")).json()).csrfToken;
    await login.post("/api/auth/callback/credentials", { form: { csrfToken: csrf, username: cadre.username, password: cadre.password, json: "true" } });
    const storage = await login.storageState();

    // 1,000 distinct + 200 repeats, dealt round-robin to 8 clients so repeats race across clients.
    const work = [...tokens, ...tokens.slice(0, 200)].map((token, i) => ({ token, client: i % 8, device: `may-${i % 8}-${Math.floor(i / 80)}` }));
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async (_, client) => {
        const context = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, storageState: storage });
        for (const item of work.filter((w) => w.client === client)) {
          const response = await context.post("/api/checkin", { data: { ...body(site.id, item.token), deviceId: item.device } });
          statuses.push(response.status());
        }
        await context.dispose();
      }),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect((await firstRow(db.select({ n: count() }).from(checkIns).where(eq(checkIns.conferenceId, conference.id))))!.n).toBe(1000);
    const logged = await db
      .select({ verdict: scanLog.verdict, n: count() })
      .from(scanLog)
      .where(eq(scanLog.conferenceId, conference.id))
      .groupBy(scanLog.verdict);
    expect(Object.fromEntries(logged.map((l) => [l.verdict, l.n]))).toEqual({ ok: 1000, duplicate: 200 });

    // The same nonce twice: one row, the same answer.
    const context = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, storageState: storage });
    const same = { ...body(site.id, tokens[0]), nonce: "same-nonce-twice-0001" };
    const a = await (await context.post("/api/checkin", { data: same })).json();
    const b = await (await context.post("/api/checkin", { data: same })).json();
    expect(b).toEqual(a);
    expect((await firstRow(db.select({ n: count() }).from(scanLog).where(eq(scanLog.nonce, "same-nonce-twice-0001"))))!.n).toBe(1);

    // One device flooding is told to slow down.
    const flood = await Promise.all(
      Array.from({ length: 60 }, () => context.post("/api/checkin", { data: { ...body(site.id, tokens[1]), deviceId: "may-flood" } })),
    );
    expect(flood.map((r) => r.status())).toContain(429);
    await context.dispose();
    await login.dispose();
  });

  test("at the door: a substitute, an undo with a reason, a walk-in; the live counter follows within 2 s", async ({ page, browser, doorConference }) => {
    const { conference, site, invitations: list } = await doorConference({ invitees: 3 });
    await signIn(page, "admin");
    const live = await browser.newPage();
    await live.context().addCookies(await page.context().cookies());
    await live.goto(`/conferences/${conference.id}/live`);
    // The conference is the test's own: exact figures.
    await expect(live.getByTestId("live-present")).toContainText("0/3");

    await page.goto(`/checkin/${site.id}`);
    const input = page.getByLabel("Mã từ máy quét");
    await input.fill(list[0].token);
    await input.press("Enter");
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "ok");
    await expect(live.getByTestId("live-present")).toContainText("1/3", { timeout: 2500 });

    await page.getByRole("button", { name: "Người đi thay…" }).click();
    await page.getByLabel("Họ tên người đi thay").fill("Phan Văn Thay");
    await page.getByLabel("Chức vụ người đi thay").fill("Phó Trưởng phòng");
    await page.getByRole("button", { name: "Lưu người đi thay" }).click();
    await expect(page.getByTestId("door-note")).toHaveText("Đã ghi người đi thay.");
    expect(await firstRow((await e2eDb()).select().from(invitations).where(eq(invitations.id, list[0].id)))).toMatchObject({ substituteName: "Phan Văn Thay" });

    // The undo asks first: whose check-in, what happens, and why (a reason too short is refused on the spot).
    await page.getByRole("button", { name: "Hủy lượt điểm danh" }).click();
    const step = page.getByRole("group", { name: /^Hủy lượt điểm danh của / });
    await expect(step).toContainText("trở lại “chưa có mặt”");
    await step.getByLabel("Lý do hủy lượt điểm danh").fill("ab");
    await step.getByRole("button", { name: "Xác nhận hủy lượt điểm danh" }).click();
    await expect(step).toContainText("Vui lòng ghi lý do (ít nhất 3 ký tự).");
    expect(await (await e2eDb()).select().from(checkIns).where(eq(checkIns.invitationId, list[0].id))).toHaveLength(1);
    await step.getByLabel("Lý do hủy lượt điểm danh").fill("Quét nhầm thẻ");
    await step.getByRole("button", { name: "Xác nhận hủy lượt điểm danh" }).click();
    await expect(page.getByTestId("door-note")).toHaveText("Đã hủy lượt điểm danh; nhật ký vẫn giữ lại.");
    expect(await (await e2eDb()).select().from(checkIns).where(eq(checkIns.invitationId, list[0].id))).toHaveLength(0);
    expect((await (await e2eDb()).select().from(scanLog).where(eq(scanLog.invitationId, list[0].id))).map((r) => r.verdict)).toContain("ok");
    expect(
      (await (await e2eDb()).select().from(auditLog).where(eq(auditLog.action, "undo_check_in"))).some((a) =>
        JSON.stringify(a.after).includes("Quét nhầm thẻ"),
      ),
    ).toBe(true);

    await page.getByLabel("Họ và tên", { exact: true }).fill("Võ Thị Khách");
    await page.getByLabel("Đơn vị công tác").fill("Báo Quảng Ngãi");
    await page.getByRole("button", { name: "Ghi nhận và điểm danh" }).click();
    await expect(page.getByTestId("verdict")).toContainText("Võ Thị Khách");
    const walkIn = (await firstRow(
      (await e2eDb()).select().from(invitations).innerJoin(people, eq(people.id, invitations.personId)).where(eq(people.fullName, "Võ Thị Khách")),
    ))!;
    expect(walkIn.invitations.kind).toBe("walk_in");
    expect((await firstRow((await e2eDb()).select().from(checkIns).where(eq(checkIns.invitationId, walkIn.invitations.id))))?.method).toBe("walk_in");
    await live.close();
  });
});
