import { firstRow } from "@/db/client";
/**
 * The request's user is loaded once per request: getCurrentUser is wrapped in React's cache(),
 * which keeps one answer per server request. Here React's server build runs with a stand-in for
 * the request's cache dispatcher (what React's server renderer installs for each request), so
 * the layout's guard, the page's guard and an action's guard within one request share one load;
 * the next request loads again.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { createDemoDb } from "@/lib/testing/test-db";
import { requestContext } from "@/lib/testing/request-context";

// React's server build (what Next runs server components and actions with), where cache() is per request.
// @ts-expect-error the server build ships no type declarations
vi.mock("react", async () => await import("../../node_modules/react/cjs/react.react-server.development.js"));
vi.mock("next-auth", () => ({ getServerSession: vi.fn(() => Promise.resolve(requestContext.session)) }));
vi.mock("@/lib/auth/options", () => ({ authOptions: () => ({}) }));
vi.mock("@/db", () => ({
  get db() {
    return requestContext.db;
  },
}));
vi.mock("./session-user", async (original) => {
  const real = await original<typeof import("./session-user")>();
  return { ...real, loadSessionUser: vi.fn(real.loadSessionUser) };
});

const { getServerSession } = await import("next-auth");
const { loadSessionUser } = await import("./session-user");
const React = (await import("react")) as unknown as { __SERVER_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE: { A: unknown } };
const { getCurrentUser, requirePageUser, requireUser } = await import("./guards");

/** Runs `work` as one server request: a fresh cache, as React's server renderer gives each request. */
async function inRequest<T>(work: () => Promise<T>): Promise<T> {
  const caches = new Map<() => unknown, unknown>();
  const internals = React.__SERVER_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE;
  internals.A = {
    getCacheForType: (create: () => unknown) => {
      if (!caches.has(create)) caches.set(create, create());
      return caches.get(create);
    },
  };
  try {
    return await work();
  } finally {
    internals.A = null;
  }
}

let handle: Awaited<ReturnType<typeof createDemoDb>>;
beforeAll(async () => {
  handle = await createDemoDb();
  requestContext.db = handle.db;
  const admin = (await firstRow(handle.db.select().from(users).where(eq(users.username, "admin"))))!;
  requestContext.session = { user: { id: admin.id, sessionVersion: admin.sessionVersion } };
});
afterAll(() => handle.cleanup());
beforeEach(() => {
  vi.mocked(loadSessionUser).mockClear();
  vi.mocked(getServerSession).mockClear();
});

describe("the request's user", () => {
  it("is loaded once per request, however many guards ask (layout, page, action)", async () => {
    await inRequest(async () => {
      const layout = await getCurrentUser();
      const page = await requirePageUser("conference:read");
      const action = await requireUser("people:manage");
      expect(layout?.username).toBe("admin");
      expect(page).toBe(layout);
      expect(action).toBe(layout);
    });
    expect(loadSessionUser).toHaveBeenCalledTimes(1);
    expect(getServerSession).toHaveBeenCalledTimes(1);
  });

  it("is loaded again by the next request (a disabled account or a new password counts at once)", async () => {
    await inRequest(() => getCurrentUser());
    await inRequest(() => getCurrentUser());
    expect(loadSessionUser).toHaveBeenCalledTimes(2);
  });
});
