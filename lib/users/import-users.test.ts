import { firstRow, writerForSetup } from "@/db/client";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, bodies, importBatches, sites, siteStaff, units, users } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { createDemoDb } from "@/lib/testing/test-db";
import { checkUserRows, commitUsersBatch, importUserRows, mapUserColumns, parseRole, previewUsersBatch, uploadUsersBatch } from "./import-users";
import { generateOneTimePassword, ONE_TIME_ALPHABET, ONE_TIME_LENGTH } from "./one-time-password";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
let root: SessionUser;
let baToAdmin: SessionUser;
const unitId = async (code: string) => (await firstRow(handle.db.select().from(units).where(eq(units.code, code))))!.id;
const as = async (username: string) => {
  const row = (await firstRow(handle.db.select().from(users).where(eq(users.username, username))))!;
  return (await loadSessionUser(handle.db, row.id, row.sessionVersion))!;
};
const csv = (text: string) => new TextEncoder().encode(text);

beforeAll(async () => {
  handle = await createDemoDb();
  root = await as("admin");
  await writerForSetup(handle.db)
    .insert(users)
    .values({ username: "quantri.bato", fullName: "Quản trị Ba Tơ", role: "admin", unitId: await unitId("535"), passwordHash: "x" });
  baToAdmin = await as("quantri.bato");
});
afterAll(() => handle.cleanup());

describe("one-time passwords", () => {
  it("are ten characters without look-alikes, and differ", () => {
    const many = Array.from({ length: 500 }, generateOneTimePassword);
    for (const p of many) {
      expect(p).toHaveLength(ONE_TIME_LENGTH);
      expect([...p].every((c) => ONE_TIME_ALPHABET.includes(c))).toBe(true);
      expect(p).not.toMatch(/[01ILO]/);
    }
    expect(new Set(many).size).toBe(many.length);
  });
});

describe("reading the list", () => {
  it("knows English and Vietnamese headers and role labels", () => {
    expect(mapUserColumns(["Tên đăng nhập", "Họ và tên", "Vai trò", "Mã đơn vị", "Cơ quan", "Điểm cầu"])).toEqual({
      username: 0,
      fullName: 1,
      role: 2,
      unitCode: 3,
      body: 4,
      sites: 5,
    });
    expect(mapUserColumns(["username", "Full name", "ROLE", "unit code"])).toEqual({ username: 0, fullName: 1, role: 2, unitCode: 3 });
    expect(parseRole("Quản trị")).toBe("admin");
    expect(parseRole("cán bộ tổ chức")).toBe("organizer");
    expect(parseRole("Cán bộ điểm danh")).toBe("scanner");
    expect(parseRole("Cán bộ theo dõi, báo cáo")).toBe("viewer");
    expect(parseRole("Organizer")).toBe("organizer");
    expect(parseRole("trưởng ban")).toBeNull();
  });

  it("refuses a list without the required columns", async () => {
    expect(await checkUserRows(handle.db, root, ["Họ và tên", "Vai trò"], [["A", "viewer"]])).toEqual({
      ok: false,
      code: "columnsMissing",
      missing: ["username", "unitCode"],
    });
  });

  it("says what is wrong with each line", async () => {
    const lySonBody = (await firstRow(
      handle.db
        .select()
        .from(bodies)
        .where(eq(bodies.unitId, await unitId("536"))),
    ))!;
    const baToBody = (await firstRow(
      handle.db
        .select()
        .from(bodies)
        .where(eq(bodies.unitId, await unitId("535"))),
    ))!;
    const baToSite = (await firstRow(
      handle.db
        .select()
        .from(sites)
        .where(eq(sites.unitId, await unitId("535"))),
    ))!;
    const lySonSite = (await firstRow(
      handle.db
        .select()
        .from(sites)
        .where(eq(sites.unitId, await unitId("536"))),
    ))!;
    const headers = ["Tên đăng nhập", "Họ và tên", "Vai trò", "Mã đơn vị", "Cơ quan", "Điểm cầu"];
    const rows = [
      ["tochuc.bt1", "Cán bộ Một", "Cán bộ tổ chức", "535", baToBody.symbol, ""], // 2 valid (by symbol)
      ["tochuc.bt1", "Cán bộ Hai", "viewer", "535", "", ""], // 3 duplicate in file
      ["admin", "Cán bộ Ba", "viewer", "535", "", ""], // 4 taken
      ["Sai Ten", "Cán bộ Bốn", "viewer", "535", "", ""], // 5 format
      ["xem.bt5", "Cán bộ Năm", "giám đốc", "535", "", ""], // 6 role
      ["xem.bt6", "Cán bộ Sáu", "viewer", "999999", "", ""], // 7 unknown unit
      ["xem.bt7", "Cán bộ Bảy", "viewer", "536", "", ""], // 8 outside Ba Tơ's scope
      ["tochuc.bt8", "Cán bộ Tám", "organizer", "535", lySonBody.name, ""], // 9 body of another unit
      ["tochuc.bt9", "Cán bộ Chín", "organizer", "535", "", ""], // 10 body missing
      ["diemdanh.bt10", "Cán bộ Mười", "Cán bộ điểm danh", "535", "", `${baToSite.id}`], // 11 valid
      ["diemdanh.bt11", "Cán bộ Mười Một", "scanner", "535", "", `${lySonSite.id}; 99999999`], // 12 site outside scope
      ["xem.bt12", "Cán bộ Mười Hai", "viewer", "535", "", `${baToSite.id}`], // 13 sites for a viewer
    ];
    const checked = await checkUserRows(handle.db, baToAdmin, headers, rows);
    if (!checked.ok) throw new Error("columns");
    expect(checked.rows.map((r) => [r.line, r.errors])).toEqual([
      [2, []],
      [3, ["usernameDuplicateInFile"]],
      [4, ["usernameTaken"]],
      [5, ["usernameFormat"]],
      [6, ["roleUnknown"]],
      [7, ["unitUnknown"]],
      [8, ["unitOutOfScope"]],
      [9, ["bodyNotInUnit"]],
      [10, ["bodyRequired"]],
      [11, []],
      [12, ["siteUnknown"]],
      [13, ["sitesForScannersOnly"]],
    ]);
    expect(checked.rows[0].bodyId).toBe(baToBody.id);
    // The root admin may give Lý Sơn.
    const fromRoot = await checkUserRows(handle.db, root, headers, [rows[6]]);
    expect(fromRoot.ok && fromRoot.rows[0].errors).toEqual([]);
  });
});

describe("upload, preview, commit", () => {
  it("creates the valid lines with hashed one-time passwords that must be changed, once", async () => {
    const baToSite = (await firstRow(
      handle.db
        .select()
        .from(sites)
        .where(eq(sites.unitId, await unitId("535"))),
    ))!;
    const file = `username,full name,role,unit code,body,door sites\nxem.imp1,Người Xem Một,viewer,535,,\ndiemdanh.imp2,Người Điểm Danh,scanner,535,,${baToSite.id}\nxem.imp3,Ngoài Phạm Vi,viewer,536,,\n`;
    const upload = await uploadUsersBatch(handle.db, baToAdmin, "tai-khoan.csv", csv(file));
    if (!upload.ok) throw new Error(upload.code);
    // Another admin cannot read or commit this batch.
    expect(await previewUsersBatch(handle.db, root, upload.batchId)).toEqual({ ok: false, code: "notFound" });
    const preview = await previewUsersBatch(handle.db, baToAdmin, upload.batchId);
    expect(preview.ok && preview.rows.map((r) => r.errors.length)).toEqual([0, 0, 1]);

    const result = await commitUsersBatch(handle.db, baToAdmin, upload.batchId);
    if (!result.ok) throw new Error(result.code);
    expect(result.created.map((c) => c.username)).toEqual(["xem.imp1", "diemdanh.imp2"]);
    expect(result.skipped).toBe(1);
    const [one, two] = result.created;
    expect(one.password).not.toBe(two.password);

    const rows = await handle.db
      .select()
      .from(users)
      .where(inArray(users.username, ["xem.imp1", "diemdanh.imp2", "xem.imp3"]));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.mustChangePassword).toBe(true);
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(row.passwordHash).not.toContain(one.password);
    }
    expect((await authenticate(writerForSetup(handle.db), "xem.imp1", one.password, "imp")).ok).toBe(true);
    const scanner = rows.find((r) => r.username === "diemdanh.imp2")!;
    expect((await handle.db.select().from(siteStaff).where(eq(siteStaff.userId, scanner.id))).map((s) => s.siteId)).toEqual([baToSite.id]);

    // The batch is gone (no second commit), and no password was kept anywhere in clear.
    expect(await firstRow(handle.db.select().from(importBatches).where(eq(importBatches.id, upload.batchId)))).toBeUndefined();
    expect(await commitUsersBatch(handle.db, baToAdmin, upload.batchId)).toEqual({ ok: false, code: "notFound" });
    const audit = JSON.stringify(await handle.db.select().from(auditLog));
    expect(audit).not.toContain(one.password);
    expect(audit).not.toContain(two.password);
    expect(await handle.db.select().from(auditLog).where(eq(auditLog.action, "import"))).toHaveLength(1);
  });

  it("refuses a broken file and a batch with no valid line", async () => {
    expect(await uploadUsersBatch(handle.db, baToAdmin, "x.pdf", csv("abc"))).toEqual({ ok: false, code: "unsupported" });
    const only = await importUserRows(handle.db, baToAdmin, ["username", "full name", "role", "unit code"], [["xem.x1", "Người Lý Sơn", "viewer", "536"]]);
    expect(only).toMatchObject({ ok: false, code: "noValidRows", errors: [{ line: 2, errors: ["unitOutOfScope"] }] });
  });

  it("imports rows given as arrays (for seed scripts)", async () => {
    const result = await importUserRows(
      handle.db,
      root,
      ["Tên đăng nhập", "Họ và tên", "Vai trò", "Mã đơn vị"],
      [["xem.seed1", "Người Gieo", "Cán bộ theo dõi, báo cáo", "536"]],
    );
    expect(result.ok && result.created[0]).toMatchObject({ username: "xem.seed1", unitName: "Huyện Lý Sơn" });
  });
});
