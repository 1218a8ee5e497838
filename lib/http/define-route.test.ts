import { firstRow, writerForSetup } from "@/db/client";
import { eq } from "drizzle-orm";
import { notFound as nextNotFound } from "next/navigation";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { users } from "@/db/schema";
import { createDemoDb } from "@/lib/testing/test-db";
import { requestContext } from "@/lib/testing/request-context";
import { defineRoute } from "./define-route";
import { RequestError } from "./request-error";
import { idParam } from "./request-input";

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

/** POST /things/{id}?mode= with { name }: a route of the people feature. */
const route = defineRoute(
  {
    permission: "people:manage",
    params: z.object({ id: idParam }),
    query: z.object({ mode: z.enum(["a", "b"]).optional() }),
    body: z.object({ name: z.string().min(1) }),
    maxBytes: 1024,
  },
  async ({ params, query, body }, { user }) => {
    if (body.name === "gone") nextNotFound();
    if (body.name === "taken")
      throw new RequestError("alreadyCommitted", 409, { messageKey: "import.errors.alreadyCommitted", values: { written: 3 }, exposeValues: true });
    return Response.json({ id: params.id, mode: query.mode ?? null, name: body.name, by: user.username });
  },
);
const call = (id: string, body: unknown, query = "") =>
  route(new Request(`http://x/things/${id}${query}`, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body) }), {
    params: Promise.resolve({ id }),
  });
const answer = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> });

describe("defineRoute", () => {
  it("answers 401 without a session, in the user's language", async () => {
    expect(await answer(await call("1", { name: "x" }))).toEqual({ status: 401, body: { error: "unauthenticated", message: "Chưa đăng nhập" } });
    requestContext.locale = "en";
    expect(await answer(await call("1", { name: "x" }))).toEqual({ status: 401, body: { error: "unauthenticated", message: "Not signed in" } });
  });

  it("answers 403 to a role without the permission, and to a user who must change their password first", async () => {
    await signIn("baocao.bato");
    expect(await answer(await call("1", { name: "x" }))).toEqual({ status: 403, body: { error: "forbidden", message: "Không có quyền" } });
    await writerForSetup(handle.db).update(users).set({ mustChangePassword: true }).where(eq(users.username, "tochuc.bato"));
    await signIn("tochuc.bato");
    const waiting = await answer(await call("1", { name: "x" }));
    expect(waiting.status).toBe(403);
    expect(waiting.body.error).toBe("forbidden");
    await writerForSetup(handle.db).update(users).set({ mustChangePassword: false }).where(eq(users.username, "tochuc.bato"));
  });

  it("parses params, query and body for an allowed user", async () => {
    await signIn("admin");
    expect(await answer(await call("12", { name: "Ấn" }, "?mode=b"))).toEqual({ status: 200, body: { id: 12, mode: "b", name: "Ấn", by: "admin" } });
  });

  it("refuses bad input: a bad id 404, a bad query or body 400 naming the fields, not JSON 400, too large 413", async () => {
    await signIn("admin");
    expect((await call("abc", { name: "x" })).status).toBe(404);
    expect(await answer(await call("1", { name: "x" }, "?mode=z"))).toEqual({
      status: 400,
      body: { error: "bad_request", message: "Thiếu hoặc sai trường: mode." },
    });
    requestContext.locale = "en";
    expect(await answer(await call("1", {}))).toEqual({ status: 400, body: { error: "bad_request", message: "Missing or invalid fields: name." } });
    expect((await answer(await call("1", "{"))).body.error).toBe("bad_json");
    const large = await call("1", { name: "x".repeat(2000) });
    expect(large.status).toBe(413);
    expect(large.headers.get("cache-control")).toBe("no-store");
    expect((await large.json()) as unknown).toEqual({ error: "too_large", message: "The request is too large (at most 1 KB)." });
  });

  it("turns a RequestError thrown by the handler into its status and translated message, with the values it exposes", async () => {
    await signIn("admin");
    const taken = await answer(await call("1", { name: "taken" }));
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ error: "alreadyCommitted", written: 3 });
    expect(taken.body.message).toContain("Tệp này đã được nhập rồi");
  });

  it("lets Next's notFound() through", async () => {
    await signIn("admin");
    await expect(call("1", { name: "gone" })).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_HTTP_ERROR_FALLBACK;404") });
  });

  it("serves a public route (permission null) without a session", async () => {
    const health = defineRoute({ permission: null }, async (_input, { user }) => Response.json({ user }));
    expect(await answer(await health(new Request("http://x/"), {}))).toEqual({ status: 200, body: { user: null } });
  });
});
