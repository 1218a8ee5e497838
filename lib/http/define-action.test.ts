import { firstRow, writerForSetup } from "@/db/client";
import { eq } from "drizzle-orm";
import { redirect } from "next/navigation";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { users } from "@/db/schema";
import { createDemoDb } from "@/lib/testing/test-db";
import { requestContext } from "@/lib/testing/request-context";
import { defineAction, defineCall } from "./define-action";
import { notFound, refusal } from "./request-error";

// The request as Next would give it: the session next-auth decodes, the cookie's language, the database.
vi.mock("next-auth", () => ({ getServerSession: () => Promise.resolve(requestContext.session) }));
vi.mock("@/lib/auth/options", () => ({ authOptions: () => ({}) }));
vi.mock("@/db", () => ({
  get db() {
    return requestContext.db;
  },
}));
vi.mock("@/lib/i18n/translator", async () => {
  const { plainTranslator } = await import("@/lib/i18n/plain-translator");
  return { getTranslator: () => Promise.resolve(plainTranslator(requestContext.locale)) };
});

let handle: Awaited<ReturnType<typeof createDemoDb>>;
const signIn = async (username: string | null) => {
  if (!username) return void (requestContext.session = null);
  const row = (await firstRow(handle.db.select().from(users).where(eq(users.username, username))))!;
  requestContext.session = { user: { id: row.id, sessionVersion: row.sessionVersion } };
};

beforeAll(async () => {
  handle = await createDemoDb();
  requestContext.db = handle.db;
});
afterAll(() => handle.cleanup());
beforeEach(async () => {
  requestContext.locale = "vi";
  await signIn(null);
});

const schema = z.object({ fullName: z.string().trim().min(2, "fullNameRequired"), newPassword: z.string().optional() });
const calls: string[] = [];
/** An action of the people feature: it answers with who did what, or refuses the way its input asks. */
const action = defineAction({ permission: "people:manage", schema, keepValues: true }, async (input, { user, t }) => {
  calls.push(input.fullName);
  if (input.fullName === "Không Có") throw notFound();
  if (input.fullName === "Trùng Tên") throw refusal({ code: "externalCodeTaken", field: "fullName" });
  if (input.fullName === "Chuyển Đi") redirect("/people/1?saved=1");
  return { ok: true, message: `${user.username}: ${t("validation.invalid")}`, at: 1 };
});
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
const submit = (fields: Record<string, string>) => action({ ok: false }, form(fields));

describe("defineAction", () => {
  it("refuses an anonymous caller before reading the form, and keeps what was typed (passwords never)", async () => {
    calls.length = 0;
    const result = await submit({ fullName: "Nguyễn Văn A", newPassword: "bi-mat-123" });
    expect(result).toMatchObject({ ok: false, message: "Bạn không có quyền thực hiện thao tác này.", values: { fullName: "Nguyễn Văn A" } });
    expect(result.values).not.toHaveProperty("newPassword");
    expect(calls).toEqual([]);
  });

  it("refuses a role without the permission (a viewer managing people)", async () => {
    await signIn("baocao.bato");
    expect(await submit({ fullName: "Nguyễn Văn A" })).toMatchObject({ ok: false, message: "Bạn không có quyền thực hiện thao tác này." });
  });

  it("refuses a user who must change their password first, and lets them do only that", async () => {
    await writerForSetup(handle.db).update(users).set({ mustChangePassword: true }).where(eq(users.username, "tochuc.bato"));
    await signIn("tochuc.bato");
    expect(await submit({ fullName: "Nguyễn Văn A" })).toMatchObject({ ok: false, message: "Bạn không có quyền thực hiện thao tác này." });
    const own = defineAction({ permission: "account:manage-own" }, async (_input, { user }) => ({ ok: true, message: user.username }));
    expect(await own({ ok: false }, form({}))).toMatchObject({ ok: true, message: "tochuc.bato" });
    await writerForSetup(handle.db).update(users).set({ mustChangePassword: false }).where(eq(users.username, "tochuc.bato"));
  });

  it("runs the handler for an allowed user with the parsed input", async () => {
    await signIn("tochuc.bato");
    expect(await submit({ fullName: "  Nguyễn Văn A  " })).toEqual({ ok: true, message: "tochuc.bato: Dữ liệu không hợp lệ.", at: 1 });
    expect(calls.at(-1)).toBe("Nguyễn Văn A");
  });

  it("answers bad input with field errors in the user's language, and the typed values", async () => {
    await signIn("admin");
    expect(await submit({ fullName: "A" })).toMatchObject({ ok: false, fieldErrors: { fullName: "Vui lòng nhập họ và tên." }, values: { fullName: "A" } });
    requestContext.locale = "en";
    const english = await submit({ fullName: "A" });
    expect(english.fieldErrors?.fullName).not.toBe("Vui lòng nhập họ và tên.");
    expect(english.fieldErrors?.fullName).toMatch(/name/i);
  });

  it("turns a RequestError thrown by the handler into the refusal in words, under its field when it has one", async () => {
    await signIn("admin");
    expect(await submit({ fullName: "Không Có" })).toMatchObject({ ok: false, message: "Không tìm thấy, hoặc bạn không có quyền thay đổi." });
    expect(await submit({ fullName: "Trùng Tên" })).toMatchObject({ ok: false, fieldErrors: { fullName: "Mã này đã thuộc về người khác." } });
    requestContext.locale = "en";
    const english = await submit({ fullName: "Không Có" });
    expect(english.message).toBeTruthy();
    expect(english.message).not.toBe("Không tìm thấy, hoặc bạn không có quyền thay đổi.");
  });

  it("lets Next's redirect() through", async () => {
    await signIn("admin");
    await expect(submit({ fullName: "Chuyển Đi" })).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
  });

  it("refuses a hand-made call that sends no form, never a 500", async () => {
    await signIn("admin");
    expect(await action({ ok: false }, "x" as unknown as FormData)).toMatchObject({ ok: false, message: "Dữ liệu không hợp lệ." });
  });

  it("lets a feature name where its refusal codes find their words, and a further rule on the user", async () => {
    await signIn("tochuc.bato");
    const rootOnly = defineAction(
      { permission: "conference:write", allow: (user) => user.scopeUnitIds === "all", messages: ["adminUnits.errors", "validation"] },
      async () => ({ ok: true }),
    );
    expect(await rootOnly({ ok: false }, form({}))).toMatchObject({ ok: false, message: "Bạn không có quyền thực hiện thao tác này." });
    await signIn("admin");
    expect(await rootOnly({ ok: false }, form({}))).toMatchObject({ ok: true });
  });
});

describe("defineCall", () => {
  const move = defineCall(
    { permission: "conference:write", schema: z.object({ conferenceId: z.number().int().positive() }), refused: ({ reason }) => `refused: ${reason}` },
    async (input, { user }) => `${user.username} ${input.conferenceId}`,
  );

  it("refuses anonymous callers and bad arguments through the action's own answer", async () => {
    expect(await move({ conferenceId: 1 })).toBe("refused: forbidden");
    await signIn("admin");
    expect(await move({ conferenceId: "x" })).toBe("refused: invalid");
    expect(await move({ conferenceId: 7 })).toBe("admin 7");
  });
});
