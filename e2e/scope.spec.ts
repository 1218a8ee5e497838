import { firstRow } from "@/db/client";
import { isNull } from "drizzle-orm";
import { conferences } from "@/db/schema";
import { E2E_ON_POSTGRES } from "./e2e-env";
import { conferenceIdOf, e2eDb, expect, signIn, test, unitIdOf } from "./fixtures";

test.describe("scope is checked on the server", () => {
  test("baocao.bato reads Ba Tơ but not Lý Sơn, by page or by API", async ({ page }) => {
    const own = await conferenceIdOf("535", "standing_committee");
    const other = await conferenceIdOf("536", "standing_committee");
    await signIn(page, "baocao.bato");

    await page.goto(`/conferences/${own}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Hội nghị học tập, quán triệt");
    await expect(page.getByText("Huyện Ba Tơ").first()).toBeVisible();

    const refused = await page.goto(`/conferences/${other}`);
    expect(refused?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Không tìm thấy trang" })).toBeVisible();
    await expect(page.getByText("Huyện Lý Sơn")).toHaveCount(0);

    expect((await page.request.get(`/api/conferences/${own}`)).status()).toBe(200);
    const api = await page.request.get(`/api/conferences/${other}`);
    expect(api.status()).toBe(404);
    expect(JSON.stringify(await api.json())).not.toContain("Lý Sơn");
  });

  test("a filter for another unit in the URL shows nothing of it", async ({ page }) => {
    await signIn(page, "baocao.bato");
    const lySon = await conferenceIdOf("536", "propaganda");
    await page.goto("/conferences");
    await expect(page.getByTestId("conference-count")).toHaveText("5 hội nghị");
    await page.goto(`/conferences?unit=${await unitIdOf("536")}`);
    await expect(page.getByTestId("conference-count")).toHaveText("0 hội nghị");
    // The list's links carry its filters (?list=…), so both forms of the link are looked for.
    await expect(page.locator(`a[href="/conferences/${lySon}"], a[href^="/conferences/${lySon}?"]`)).toHaveCount(0);
  });

  test("only the admin reaches user management", async ({ page }) => {
    await signIn(page, "tochuc.bato");
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(404);
  });

  test("door staff get the public key and revocation list of their own conference only", async ({ page }) => {
    const practice = (await firstRow((await e2eDb()).select({ id: conferences.id }).from(conferences).where(isNull(conferences.requirementId))))!.id;
    await signIn(page, "diemdanh");
    const own = await page.request.get(`/api/conferences/${practice}/revocations`);
    expect(own.status()).toBe(200);
    const body = await own.json();
    expect(Buffer.from(body.publicKeyRaw, "base64")).toHaveLength(32);
    expect(JSON.stringify(body)).not.toMatch(/private/i);
    expect((await page.request.get(`/api/conferences/${await conferenceIdOf("535", "propaganda")}/revocations`)).status()).toBe(404);
    await page.context().clearCookies();
    await signIn(page, "baocao.bato");
    expect((await page.request.get(`/api/conferences/${practice}/revocations`)).status()).toBe(403);
  });

  test("door staff cannot read conferences", async ({ page }) => {
    await signIn(page, "diemdanh");
    await expect(page.getByTestId("assignments")).toContainText("Hội nghị thực hành điểm danh");
    expect((await page.goto("/conferences"))?.status()).toBe(404);
    expect((await page.request.get(`/api/conferences/${await conferenceIdOf("51", "standing_committee")}`)).status()).toBe(403);
  });

  test("without a session, pages redirect to sign-in and the API answers 401", async ({ page }) => {
    await page.goto("/conferences");
    await expect(page).toHaveURL(/\/login$/);
    const response = await page.request.get(`/api/conferences/${await conferenceIdOf("535", "propaganda")}`);
    expect(response.status()).toBe(401);
  });

  test("the health check tells anyone up or down, and only an admin the database details", async ({ request, page }) => {
    const anonymous = await request.get("/api/health");
    expect(anonymous.status()).toBe(200);
    expect(await anonymous.json()).toEqual({ status: "ok" });

    await signIn(page, "baocao.bato");
    expect(await (await page.request.get("/api/health")).json()).toEqual({ status: "ok" });

    await page.context().clearCookies();
    await signIn(page, "admin");
    const admin = await page.request.get("/api/health");
    expect(admin.status()).toBe(200);
    // The engine's own details: SQLite's journal mode (WAL), or PostgreSQL's version (npm run test:e2e:postgres).
    const engine = E2E_ON_POSTGRES ? { engine: "postgres", version: expect.stringMatching(/^\d+/) } : { engine: "sqlite", journalMode: "wal" };
    expect(await admin.json()).toMatchObject({ status: "ok", database: { status: "ok", ...engine, users: expect.any(Number) } });
  });
});
