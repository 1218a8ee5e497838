import { firstRow, writerForSetup } from "@/db/client";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, bodies, units, users } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import { createUserSchema } from "@/lib/schemas/users";
import { createDemoDb } from "@/lib/testing/test-db";
import { changeOwnPassword, createUser, resetUserPassword, setUserDisabled } from "./manage-users";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
let adminId: number;
let root: { id: number; scopeUnitIds: "all" };
beforeAll(async () => {
  handle = await createDemoDb();
  adminId = (await firstRow(handle.db.select().from(users).where(eq(users.username, "admin"))))!.id;
  root = { id: adminId, scopeUnitIds: "all" };
});
afterAll(() => handle.cleanup());

const unitId = async (code: string) => (await firstRow(handle.db.select().from(units).where(eq(units.code, code))))!.id;
const bodyOf = async (code: string, kind: string) =>
  (
    await handle.db
      .select()
      .from(bodies)
      .where(eq(bodies.unitId, await unitId(code)))
  ).find((b) => b.kind === kind)!.id;

describe("user management", () => {
  it("validates input with messages that are translation keys", () => {
    const bad = createUserSchema.safeParse({ username: "Ng Văn", fullName: "", role: "boss", unitId: "x", password: "123" });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries(bad.error!.issues.map((i) => [i.path[0], i.message]));
    expect(messages).toMatchObject({
      username: "usernameFormat",
      fullName: "fullNameRequired",
      role: "roleRequired",
      unitId: "unitRequired",
      password: "passwordTooShort",
    });
    const organizer = createUserSchema.safeParse({
      username: "tochuc.lyson",
      fullName: "Cán bộ",
      role: "organizer",
      unitId: "3",
      bodyId: "",
      password: "12345678",
    });
    expect(organizer.error?.issues[0]).toMatchObject({ path: ["bodyId"], message: "bodyRequired" });
  });

  it("creates an organiser of a body of the chosen unit, and audits it", async () => {
    const input = createUserSchema.parse({
      username: "Tochuc.LySon",
      fullName: "Cán bộ Lý Sơn",
      role: "organizer",
      unitId: String(await unitId("536")),
      bodyId: String(await bodyOf("536", "propaganda")),
      password: "mat-khau-123",
    });
    expect(await createUser(handle.db, root, input)).toEqual({ ok: true });
    expect((await authenticate(writerForSetup(handle.db), "tochuc.lyson", "mat-khau-123", "x")).ok).toBe(true);
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.entity, "user"));
    expect(audit.some((a) => a.action === "create" && a.userId === adminId)).toBe(true);
  });

  it("refuses a taken username and a body of another unit", async () => {
    const taken = createUserSchema.parse({ username: "admin", fullName: "X Y", role: "viewer", unitId: String(await unitId("536")), password: "12345678" });
    expect(await createUser(handle.db, root, taken)).toEqual({ ok: false, field: "username", code: "usernameTaken" });
    const wrongBody = createUserSchema.parse({
      username: "tochuc.x",
      fullName: "X Y",
      role: "organizer",
      unitId: String(await unitId("536")),
      bodyId: String(await bodyOf("535", "propaganda")),
      password: "12345678",
    });
    expect(await createUser(handle.db, root, wrongBody)).toEqual({ ok: false, field: "bodyId", code: "bodyNotInUnit" });
  });

  it("resets a password and ends the account's sessions", async () => {
    const before = (await firstRow(handle.db.select().from(users).where(eq(users.username, "baocao.bato"))))!;
    expect(await resetUserPassword(handle.db, root, before.id, "mat-khau-moi")).toEqual({ ok: true, password: "mat-khau-moi", username: "baocao.bato" });
    const after = (await firstRow(handle.db.select().from(users).where(eq(users.id, before.id))))!;
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect((await authenticate(writerForSetup(handle.db), "baocao.bato", "mat-khau-moi", "y")).ok).toBe(true);
  });

  it("disables and enables an account, but never the admin's own", async () => {
    const target = (await firstRow(handle.db.select().from(users).where(eq(users.username, "diemdanh"))))!;
    expect(await setUserDisabled(writerForSetup(handle.db), root, target.id, true)).toEqual({ ok: true });
    expect((await firstRow(handle.db.select().from(users).where(eq(users.id, target.id))))!.disabled).toBe(true);
    expect(await setUserDisabled(writerForSetup(handle.db), root, target.id, false)).toEqual({ ok: true });
    expect(await setUserDisabled(writerForSetup(handle.db), root, adminId, true)).toEqual({ ok: false, code: "cannotDisableSelf" });
    expect(await setUserDisabled(writerForSetup(handle.db), root, 999_999, true)).toEqual({ ok: false, code: "userNotFound" });
  });

  it("changes one's own password only with the current one", async () => {
    const me = (await firstRow(handle.db.select().from(users).where(eq(users.username, "tochuc.bato"))))!;
    expect(await changeOwnPassword(writerForSetup(handle.db), me.id, "sai", "mat-khau-moi-2")).toEqual({
      ok: false,
      field: "currentPassword",
      code: "currentPasswordWrong",
    });
    expect(await changeOwnPassword(writerForSetup(handle.db), me.id, "demo1234", "mat-khau-moi-2")).toEqual({ ok: true });
    expect((await authenticate(writerForSetup(handle.db), "tochuc.bato", "mat-khau-moi-2", "z")).ok).toBe(true);
  });
});
