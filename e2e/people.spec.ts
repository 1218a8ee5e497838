import { returnedRow, firstRow, writerForSetup } from "@/db/client";
import { and, count, eq } from "drizzle-orm";
import { auditLog, bodies, campaigns, checkIns, conferences, invitations, people, sites } from "@/db/schema";
import { foldForSearch } from "@/lib/text/fold";
import { createAccount, e2eDb, expect, signIn, test, unitIdOf } from "./fixtures";

const stamp = `${process.pid}${Date.now() % 100000}`;
const CSV = [
  "Họ và tên,Chức vụ,Đơn vị,Số điện thoại,Đảng viên,Mã",
  `Nguyễn Thị Ánh Tuyết,Bí thư Chi bộ,Thôn Gò Khế,0905 ${stamp.slice(-3)} 111,x,E2E-${stamp}-1`,
  `Hồ Văn Đức,Giáo viên,"Trường TH ""Ba Động""",,,E2E-${stamp}-2`,
  `,Chuyên viên,UBND xã,0905000000,x,E2E-${stamp}-3`,
  `Lê Văn Cường,Trưởng thôn,Thôn 1,12345,x,E2E-${stamp}-4`,
  `Phạm Văn Dũng,Công nhân,Công ty A,0935000222,,E2E-${stamp}-1`,
].join("\r\n");

test("import a CSV with Vietnamese names, a BOM and three bad rows; the people are then found without diacritics", async ({ page }) => {
  await signIn(page, "tochuc.bato");
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Danh bạ" }).click();
  await page.getByRole("link", { name: "Nhập từ tệp (CSV, Excel)" }).click();
  await page.getByLabel("Tệp danh sách").setInputFiles({ name: "danh-sach.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${CSV}`, "utf8") });
  await page.getByRole("button", { name: "Tải lên và xem trước" }).click();

  await expect(page.getByTestId("preview-summary")).toHaveText("5 dòng: 2 dòng hợp lệ sẽ được nhập, 3 dòng lỗi sẽ bị bỏ qua.");
  const errors = page.getByTestId("preview-errors").locator("tbody tr");
  await expect(errors).toHaveText([
    /^4\s*Thiếu họ và tên$/,
    /^5\s*Số điện thoại không hợp lệ: 12345$/,
    new RegExp(`^6\\s*Mã trùng với dòng trước: E2E-${stamp}-1 \\(2\\)$`),
  ]);
  await expect(page.getByLabel("Họ và tên", { exact: true })).toHaveValue("0");

  await page.getByRole("button", { name: "Nhập 2 người" }).click();
  await expect(page.getByTestId("import-message")).toHaveText("Đã nhập: 2 người mới, 0 người được cập nhật theo mã, 3 dòng lỗi bỏ qua.");

  await page.goto("/people?q=nguyen thi anh tuyet");
  await expect(page.getByTestId("people-table")).toContainText("Nguyễn Thị Ánh Tuyết");
  await page.goto(`/people?q=ho van duc`);
  await expect(page.getByTestId("people-table")).toContainText("Hồ Văn Đức");
});

test("a malformed file gets a clear message and writes nothing", async ({ page }) => {
  await signIn(page, "tochuc.bato");
  await page.goto("/people/import");
  // "Hà Nội" in Windows-1258 bytes: not UTF-8.
  await page
    .getByLabel("Tệp danh sách")
    .setInputFiles({ name: "cu.csv", mimeType: "text/csv", buffer: Buffer.from([0x48, 0xe0, 0x20, 0x4e, 0xf4, 0xd2, 0x69, 0x0a, 0x41, 0x0a]) });
  await page.getByRole("button", { name: "Tải lên và xem trước" }).click();
  await expect(page.getByTestId("import-message")).toContainText("Tệp không phải mã UTF-8");
  await page.getByLabel("Tệp danh sách").setInputFiles({
    name: "hong.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: Buffer.from("PK\u0003\u0004 cut"),
  });
  await page.getByRole("button", { name: "Tải lên và xem trước" }).click();
  await expect(page.getByTestId("import-message")).toHaveText("Không đọc được tệp Excel (tệp hỏng hoặc không phải XLSX).");
  await expect(page.getByTestId("import-preview")).toHaveCount(0);
});

test("a CSV that breaks or holds only a header is refused; no batch without a valid row is committed, none twice", async ({ page }) => {
  await signIn(page, "tochuc.bato");
  await page.goto("/people/import");
  const unclosed = `Họ và tên,Chức vụ,Mã\nNguyễn Văn Mở,Bí thư,Q-${stamp}-1\n"Trần Thị Quên,Giáo viên,Q-${stamp}-2\nLê Văn Sau,Trưởng thôn,Q-${stamp}-3`;
  await page.getByLabel("Tệp danh sách").setInputFiles({ name: "ngoac.csv", mimeType: "text/csv", buffer: Buffer.from(unclosed) });
  await page.getByRole("button", { name: "Tải lên và xem trước" }).click();
  await expect(page.getByTestId("import-message")).toContainText("Tệp CSV bị lỗi ở dòng 3: dấu ngoặc kép");
  await expect(page.getByTestId("import-preview")).toHaveCount(0);
  await page.getByLabel("Tệp danh sách").setInputFiles({ name: "tieu-de.csv", mimeType: "text/csv", buffer: Buffer.from("Họ và tên,Chức vụ,Mã\r\n") });
  await page.getByRole("button", { name: "Tải lên và xem trước" }).click();
  await expect(page.getByTestId("import-message")).toHaveText("Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào để nhập.");
  await expect(page.getByTestId("import-preview")).toHaveCount(0);
  expect(
    (await firstRow(
      (await e2eDb())
        .select({ n: count() })
        .from(people)
        .where(eq(people.externalCode, `Q-${stamp}-1`)),
    ))!.n,
  ).toBe(0);

  const unitId = String(await unitIdOf("535"));
  const upload = async (name: string, text: string) => {
    const response = await page.request.post("/api/people/import", { multipart: { unitId, file: { name, mimeType: "text/csv", buffer: Buffer.from(text) } } });
    expect(response.status(), name).toBe(200);
    return (await response.json()) as { batchId: number; mapping: unknown; preview: { valid: number } };
  };
  const commit = (batch: { batchId: number; mapping: unknown }) =>
    page.request.post(`/api/people/import/${batch.batchId}/commit`, { data: { mapping: batch.mapping } });

  const noneValid = await upload(`khong-hop-le-${stamp}.csv`, "Họ và tên,Số điện thoại\n,0905000000\nAn,123");
  expect(noneValid.preview.valid).toBe(0);
  const refused = await commit(noneValid);
  expect(refused.status()).toBe(400);
  expect((await refused.json()).message).toBe("Không có dòng hợp lệ nào để nhập. Hãy sửa các dòng lỗi hoặc chọn lại cột Họ và tên.");
  expect(
    (await firstRow(
      (await e2eDb())
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.action, "import"), eq(auditLog.entityId, `khong-hop-le-${stamp}.csv`))),
    ))!.n,
  ).toBe(0);

  const once = await upload("mot-lan.csv", `Họ và tên,Mã\nVõ Văn Một Lần,Q-${stamp}-9`);
  expect((await commit(once)).status()).toBe(200);
  const twice = await commit(once);
  expect(twice.status()).toBe(409);
  expect((await twice.json()).message).toContain("Tệp này đã được nhập rồi");
  expect(
    (await firstRow(
      (await e2eDb())
        .select({ n: count() })
        .from(people)
        .where(eq(people.externalCode, `Q-${stamp}-9`)),
    ))!.n,
  ).toBe(1);
});

test("people are created, edited and merged; viewers cannot reach the directory", async ({ page }) => {
  await signIn(page, "tochuc.bato");
  for (const phone of ["0912 345 678", "+84912345678"]) {
    await page.goto("/people/new");
    await page.getByLabel("Họ và tên").fill(`Trương Văn Trùng ${stamp}`);
    await page.getByLabel("Số điện thoại").fill(phone);
    await page.getByRole("button", { name: "Lưu" }).click();
    await expect(page.getByText("Đã lưu.")).toBeVisible();
  }
  // The second record sees the first as a possible duplicate (same name, same phone once normalised).
  await expect(page.getByTestId("duplicates").locator("li")).toHaveCount(1);
  await expect(page.getByTestId("duplicate-signals")).toHaveText("Cùng họ tên, cùng số điện thoại");
  await page.getByRole("link", { name: "So sánh và gộp…" }).click();
  await page.getByRole("button", { name: /^Gộp “Trương Văn Trùng/ }).click();
  await expect(page.getByTestId("merge-done")).toContainText("vào hồ sơ này: 0 giấy mời đã chuyển sang");
  await page.goto(`/people?q=truong van trung ${stamp}`);
  await expect(page.getByTestId("people-count")).toHaveText("1 người");

  await page.goto("/people/new");
  await page.getByLabel("Họ và tên").fill("Số Sai");
  await page.getByLabel("Số điện thoại").fill("12-34");
  await page.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByText("Số điện thoại không hợp lệ (10–11 chữ số, bắt đầu bằng 0 hoặc +84).")).toBeVisible();
  await expect(page.getByLabel("Họ và tên")).toHaveValue("Số Sai");

  await page.context().clearCookies();
  await signIn(page, "baocao.bato");
  expect((await page.goto("/people"))?.status()).toBe(404);
  expect(
    (
      await page.request.post("/api/people/import", {
        multipart: { unitId: "1", file: { name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("Họ và tên\nA") } },
      })
    ).status(),
  ).toBe(403);
});

test("a merge shows both records and what moves, asks to confirm, suggests only likely duplicates, and can be undone", async ({ page }) => {
  // Nghĩa Hành (532): a unit no read-only test counts; two conferences of its own.
  const db = await e2eDb();
  const unitId = await unitIdOf("532");
  const body = (await firstRow(
    db
      .select()
      .from(bodies)
      .where(and(eq(bodies.unitId, unitId), eq(bodies.kind, "propaganda"))),
  ))!;
  const campaign = (await firstRow(db.select().from(campaigns)))!;
  const day = new Date(Date.now() + 30 * 86_400_000);
  const conference = async (title: string) => {
    const c = await returnedRow(
      writerForSetup(db)
        .insert(conferences)
        .values({ campaignId: campaign.id, unitId, bodyId: body.id, title, startsAt: day, endsAt: new Date(day.getTime() + 3_600_000), status: "scheduled" })
        .returning(),
    );
    const site = await returnedRow(
      writerForSetup(db)
        .insert(sites)
        .values({ conferenceId: c.id, unitId, isMain: true, venue: `Hội trường ${title}` })
        .returning(),
    );
    return { ...c, siteId: site.id };
  };
  const first = await conference(`Hội nghị gộp thứ nhất ${stamp}`);
  const second = await conference(`Hội nghị gộp thứ hai ${stamp}`);
  const name = `Phan Văn Gộp ${stamp}`;
  const person = async (position: string, phone: string, workplace: string) =>
    await returnedRow(
      writerForSetup(db)
        .insert(people)
        .values({ fullName: name, searchName: foldForSearch(name), unitId, position, phone, workplace })
        .returning(),
    );
  const chairman = await person("Chủ tịch Ủy ban MTTQ", "0905777111", "Ủy ban MTTQ huyện");
  const same = await person("Chuyên viên", "0905777111", "Ủy ban MTTQ huyện");
  await person("Giáo viên", "0905777999", "Trường THCS Hành Phước"); // a namesake with nothing else in common
  const invite = async (personId: number, c: { id: number; siteId: number }) =>
    await returnedRow(
      writerForSetup(db)
        .insert(invitations)
        .values({ conferenceId: c.id, personId, bodyId: body.id, siteId: c.siteId, status: "issued", token: `GOP${stamp}${personId}X${c.id}` })
        .returning(),
    );
  const moving = await invite(chairman.id, first);
  await writerForSetup(db)
    .insert(checkIns)
    .values({ invitationId: moving.id, conferenceId: first.id, siteId: first.siteId, scannedAt: new Date(), receivedAt: new Date(), method: "manual" });
  const clash = await invite(chairman.id, second);
  await invite(same.id, second);

  const organiser = await createAccount("organizer", "532", "mat-khau-thu-1", "propaganda");
  await signIn(page, organiser.username, organiser.password);
  await page.goto(`/people/${chairman.id}`);
  // The namesake with nothing else in common is not suggested; the likely duplicate is, with what matches.
  await expect(page.getByTestId("duplicates").locator("li")).toHaveCount(1);
  await expect(page.getByTestId("duplicates")).toContainText("Chuyên viên");
  await expect(page.getByTestId("duplicates")).not.toContainText("Giáo viên");
  await expect(page.getByTestId("duplicate-signals")).toHaveText("Cùng họ tên, cùng số điện thoại, cùng nơi công tác");

  // The preview: both records side by side, the difference marked, what moves and what is revoked. Nothing changed yet.
  await page.getByRole("link", { name: "So sánh và gộp…" }).click();
  await expect(page).toHaveURL(new RegExp(`/people/${chairman.id}/merge\\?into=${same.id}$`));
  const compare = page.getByTestId("merge-compare");
  await expect(compare.locator('tr[data-field="position"]')).toHaveAttribute("data-differs", "1");
  await expect(compare.locator('tr[data-field="position"]')).toContainText("Chủ tịch Ủy ban MTTQ");
  await expect(compare.locator('tr[data-field="position"]')).toContainText("Chuyên viên");
  await expect(compare.locator('tr[data-field="phone"]')).toHaveAttribute("data-differs", "0");
  await expect(page.getByTestId("merge-moving")).toContainText(`Hội nghị gộp thứ nhất ${stamp}`);
  await expect(page.getByTestId("merge-moving")).toContainText("đã điểm danh");
  await expect(page.getByTestId("merge-revoking")).toContainText(`Hội nghị gộp thứ hai ${stamp}`);
  await expect(page.getByTestId("merge-revoking")).toContainText("của hồ sơ được gộp");
  expect((await firstRow(db.select().from(people).where(eq(people.id, chairman.id))))!.mergedIntoId).toBeNull();

  // Confirmed: the kept record's page says what happened and offers the undo.
  await page.getByRole("button", { name: `Gộp “${name}” vào “${name}”` }).click();
  await expect(page).toHaveURL(new RegExp(`/people/${same.id}\\?merged=\\d+$`));
  await expect(page.getByTestId("merge-done")).toContainText("1 giấy mời đã chuyển sang, 1 giấy mời bị thu hồi vì trùng hội nghị");
  expect((await firstRow(db.select().from(people).where(eq(people.id, chairman.id))))!.mergedIntoId).toBe(same.id);
  expect((await firstRow(db.select().from(invitations).where(eq(invitations.id, moving.id))))!.personId).toBe(same.id);
  expect(await firstRow(db.select().from(invitations).where(eq(invitations.id, clash.id)))).toMatchObject({ status: "revoked", revokeReason: "gộp hồ sơ" });
  // The merged record is kept, hidden from the directory, and its page says where it went.
  await page.goto(`/people?q=${encodeURIComponent(foldForSearch(name))}`);
  await expect(page.getByTestId("people-count")).toHaveText("2 người");
  await expect(page.getByTestId("people-table")).not.toContainText("Chủ tịch Ủy ban MTTQ");
  await page.goto(`/people/${chairman.id}`);
  await expect(page.getByTestId("merged-notice")).toContainText(`Hồ sơ này đã được gộp vào hồ sơ “${name}”`);

  // Undo, from the kept record's page: everything goes back.
  await page.goto(`/people/${same.id}`);
  const history = page.getByTestId("merge-history");
  await history.getByRole("button", { name: "Hoàn tác gộp" }).click();
  await expect(history.getByRole("group", { name: "Hoàn tác gộp" })).toContainText(`giấy mời đã chuyển trở về hồ sơ “${name}”`);
  await history.getByRole("button", { name: `Tách lại “${name}”` }).click();
  await expect(history).toContainText("Đã hoàn tác lúc");
  expect((await firstRow(db.select().from(people).where(eq(people.id, chairman.id))))!.mergedIntoId).toBeNull();
  expect((await firstRow(db.select().from(invitations).where(eq(invitations.id, moving.id))))!.personId).toBe(chairman.id);
  expect(await firstRow(db.select().from(invitations).where(eq(invitations.id, clash.id)))).toMatchObject({ status: "issued", revokeReason: null });
  expect(await firstRow(db.select().from(checkIns).where(eq(checkIns.invitationId, moving.id)))).toBeTruthy();
  await page.goto(`/people/${chairman.id}`);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByLabel("Chức vụ")).toHaveValue("Chủ tịch Ủy ban MTTQ");
});
