import { firstRow } from "@/db/client";
/**
 * Letters per Hướng dẫn 36-HD/VPTW (decision 0023), checked on the PDF the browser writes: the
 * heading's two lines, the signature block, "(Đã ký)" only on a copy, and the QR decoding from the
 * rendered page on A4 and A5. Long runs print in batches. The printed results report shares the
 * heading and signature block.
 */
import { and, count, desc, eq } from "drizzle-orm";
import { bodies, invitations, sites } from "@/db/schema";
import { bodyIdOf, conferenceIdOf, createAccount, e2eDb, expect, signIn, test } from "./fixtures";
import { readPdf } from "./pdf";

/** Where the first line matching `pattern` is, so that the order of the lines can be checked. */
const lineIndex = (lines: string[], pattern: RegExp) => lines.findIndex((l) => pattern.test(l));

test("a printed letter has the superior and issuing bodies, the signer, no “(Đã ký)” on an original, and a QR that decodes on A4 and A5", async ({ page }) => {
  const conferenceId = await conferenceIdOf("535", "propaganda");
  const body = (await firstRow(
    (await e2eDb())
      .select()
      .from(bodies)
      .where(eq(bodies.id, await bodyIdOf("535", "propaganda"))),
  ))!;
  const invitation = (await firstRow(
    (await e2eDb())
      .select()
      .from(invitations)
      .where(and(eq(invitations.conferenceId, conferenceId), eq(invitations.status, "issued"), eq(invitations.kind, "invited"))),
  ))!;
  await signIn(page, "tochuc.bato");

  for (const size of ["A4", "A5"] as const) {
    await page.goto(`/conferences/${conferenceId}/letters?invitation=${invitation.id}&size=${size}`);
    const pages = await readPdf(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(pages, `one ${size} page`).toHaveLength(1);
    const [{ lines, size: points, qr }] = pages;
    expect(points).toEqual(size === "A4" ? [595, 842] : [420, 595]);
    // Top left: "HUYỆN ỦY BA TƠ", then "BAN TUYÊN GIÁO", then "*", then the number; never one line broken mid-name.
    const superior = lineIndex(lines, /^HUYỆN ỦY BA TƠ( |$)/);
    const issuer = lineIndex(lines, /^BAN TUYÊN GIÁO$/);
    const star = lineIndex(lines, /^\*$/);
    const number = lineIndex(lines, new RegExp(`^Số ${invitation.letterNumber!.replace("/", "\\/")}$`));
    expect(
      [superior, issuer, star, number].every((i) => i >= 0),
      lines.slice(0, 8).join(" | "),
    ).toBe(true);
    expect(superior < issuer && issuer < star && star < number).toBe(true);
    expect(lines[superior]).toContain("ĐẢNG CỘNG SẢN VIỆT NAM");
    expect(lines.some((l) => /BAN TUYÊN GIÁO HUYỆN ỦY BA$/.test(l))).toBe(false);
    // The signature block: the body's default (the head signs: no T/M), the title and the name, space for the pen.
    expect(lines.some((l) => l.endsWith("TRƯỞNG BAN"))).toBe(true);
    expect(lines.some((l) => l.endsWith(body.signerName))).toBe(true);
    expect(lines.join("\n")).not.toContain("Đã ký");
    expect(lines.some((l) => /^Nơi nhận:/.test(l))).toBe(true);
    expect(qr, `${size} QR decodes from the rendered PDF`).toBe(invitation.token);
  }

  // A copy says "(Đã ký)" in place of the signature.
  await page.goto(`/conferences/${conferenceId}/letters?invitation=${invitation.id}&copy=1`);
  const [copy] = await readPdf(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  expect(copy.lines).toContain("(Đã ký)");
  expect(copy.qr).toBe(invitation.token);
});

test("a conference's own signer replaces the body's default on its letters", async ({ page }) => {
  const organiser = await createAccount("organizer", "532", "mat-khau-thu-1", "propaganda");
  await signIn(page, organiser.username, organiser.password);
  await page.goto("/conferences/new");
  await page.getByLabel("Tên hội nghị").fill("Hội nghị thử khối chữ ký");
  await page.getByLabel("Ngày bắt đầu").fill("22/03/2021");
  await page.getByLabel("Giờ bắt đầu").fill("08:00");
  await page.getByLabel("Ngày kết thúc").fill("22/03/2021");
  await page.getByLabel("Giờ kết thúc").fill("11:00");
  await page.getByLabel("Địa điểm chính (hội trường)").fill("Phòng họp thử khối chữ ký");
  // The body's default is shown; the conference signs "K/T TRƯỞNG BAN / PHÓ TRƯỞNG BAN".
  await expect(page.getByText(/Để trống để dùng mặc định của cơ quan tổ chức \(TRƯỞNG BAN · /)).toBeVisible();
  await page.getByLabel("Thẩm quyền ký").selectOption("K/T");
  await page.getByLabel("Thay mặt / ký thay / thừa lệnh").fill("Trưởng ban");
  await page.getByLabel("Chức vụ người ký").fill("Phó Trưởng ban");
  await page.getByLabel("Họ và tên người ký").fill("Trần Thị Thử");
  await page.getByRole("button", { name: "Tạo hội nghị" }).click();
  await expect(page.getByText("Đã lưu hội nghị.")).toBeVisible();
  const id = Number(new URL(page.url()).pathname.split("/")[2]);

  await page.goto(`/conferences/${id}/invitations`);
  await page.getByLabel("Thêm từng người").fill("nguyen");
  await page.getByTestId("people-results").getByRole("button", { name: /^Mời / }).first().click();
  await expect(page.getByText("Đã thêm 1 đại biểu.").first()).toBeVisible();
  await page.getByRole("button", { name: "Phát hành giấy mời (1)" }).click();
  await expect(page.getByText("Đã phát hành 1 giấy mời.")).toBeVisible();

  await page.goto(`/conferences/${id}/letters`);
  const signature = page.getByTestId("doc-signature");
  await expect(signature).toHaveText(/^K\/T TRƯỞNG BANPHÓ TRƯỞNG BAN\s*Trần Thị Thử$/);
  await expect(page.getByTestId("signer-missing")).toHaveCount(0);
  // The edit form shows the conference's own choice again.
  await page.goto(`/conferences/${id}/edit`);
  await expect(page.getByLabel("Thẩm quyền ký")).toHaveValue("K/T");
  await expect(page.getByLabel("Họ và tên người ký")).toHaveValue("Trần Thị Thử");
});

test("a long run prints in batches of 200 and by site, and the batches printed on this computer are ticked", async ({ page }) => {
  const db = await e2eDb();
  const letters = and(eq(invitations.status, "issued"), eq(invitations.kind, "invited"));
  const largest = (await firstRow(
    db.select({ id: invitations.conferenceId, n: count() }).from(invitations).where(letters).groupBy(invitations.conferenceId).orderBy(desc(count())),
  ))!;
  expect(largest.n).toBeGreaterThan(400);
  const batches = Math.ceil(largest.n / 200);
  await signIn(page, "admin");
  await page.goto(`/conferences/${largest.id}/letters`);
  await expect(page.getByTestId("letter-count")).toHaveText(`${largest.n} giấy mời`);
  await expect(page.locator(".letter")).toHaveCount(200);
  const printed = page.getByTestId("batches-printed");
  await expect(printed).toHaveText(`Đã in 0/${batches} đợt trên máy này`);
  // The browser reports the end of printing; the batch is ticked and the next one offered.
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  await expect(printed).toHaveText(`Đã in 1/${batches} đợt trên máy này`);
  await expect(page.getByRole("link", { name: "✓ Đợt 1 (1–200)" })).toBeVisible();
  await page.getByRole("link", { name: "Đợt tiếp theo: đợt 2 →" }).click();
  await expect(page.getByText(`đợt 2/${batches}: giấy mời 201–400 trên tổng số ${largest.n}`)).toBeVisible();
  await expect(printed).toHaveText(`Đã in 1/${batches} đợt trên máy này`);
  await page.getByRole("link", { name: new RegExp(`^Đợt ${batches} \\(`) }).click();
  await expect(page.locator(".letter")).toHaveCount(largest.n - 200 * (batches - 1));

  // By site: one bridge point's letters only.
  const site = (await firstRow(
    db
      .select({ venue: sites.venue, n: count() })
      .from(invitations)
      .innerJoin(sites, eq(sites.id, invitations.siteId))
      .where(and(letters, eq(invitations.conferenceId, largest.id), eq(sites.isMain, false)))
      .groupBy(sites.id),
  ))!;
  await page.getByRole("link", { name: `${site.venue} (${site.n})` }).click();
  await expect(page.getByTestId("letter-count")).toHaveText(`${site.n} giấy mời`);
  await expect(page.locator(".letter")).toHaveCount(Math.min(site.n, 200));
});

test("the printed report: the committee's heading, recipients upward and never itself, a number to fill in, and the signature never alone on its page", async ({
  page,
}) => {
  await signIn(page, "admin");
  await page.goto("/reports/print");
  const issuer = page.getByTestId("doc-issuer");
  // The province's committee issues in its own name: one line, no superior.
  await expect(issuer.locator("p").first()).toHaveText("TỈNH ỦY QUẢNG NGÃI");
  const recipients = page.getByTestId("report-recipients");
  await expect(recipients).toContainText("- Ban Tuyên giáo Trung ương (để b/c),");
  await expect(recipients).not.toContainText("Ban Thường vụ Tỉnh ủy (để b/c)");
  await page.getByTestId("report-number").fill("27");
  await expect(issuer).toContainText("Số 27-BC/TU");

  const pages = await readPdf(await page.pdf({ preferCSSPageSize: true, printBackground: true }), { decodeQr: false });
  expect(pages.length).toBeGreaterThan(1);
  const signed = pages.findIndex((p) => p.lines.some((l) => l.includes("T/M BAN THƯỜNG VỤ")));
  expect(signed).toBeGreaterThan(0);
  expect(
    pages[signed].lines.some((l) => l.includes("3. Kiến nghị, đề xuất")),
    "the last section prints with the signature",
  ).toBe(true);

  // A district reports to the province's Standing Committee and Propaganda Board.
  await page.goto("/reports/print?unit=535");
  await expect(issuer.locator("p").nth(0)).toHaveText("ĐẢNG BỘ TỈNH QUẢNG NGÃI");
  await expect(issuer.locator("p").nth(1)).toHaveText("HUYỆN ỦY BA TƠ");
  await expect(recipients).toContainText("- Ban Thường vụ Tỉnh ủy (để b/c),");
  await expect(recipients).toContainText("- Ban Tuyên giáo Tỉnh ủy (để b/c),");
  await expect(recipients).toContainText("- Lưu Văn phòng Huyện ủy Ba Tơ.");
});
