import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { units, users } from "@/db/schema";
import { createTestDb } from "@/lib/testing/test-db";
import { authenticate } from "./authenticate";
import { hashPassword } from "./password";
import { MAX_FAILURES, WINDOW_MS, isThrottled, recordAttempt } from "./throttle";

let handle: ReturnType<typeof createTestDb>;

beforeAll(async () => {
  handle = createTestDb();
  const unit = handle.db.insert(units).values({ code: "51", name: "Tỉnh Quảng Ngãi", kind: "tinh", placeName: "Quảng Ngãi" }).returning().get();
  const passwordHash = await hashPassword("dung-mat-khau");
  handle.db.insert(users).values([
    { username: "canbo", fullName: "Cán bộ", role: "viewer", unitId: unit.id, passwordHash },
    { username: "bikhoa", fullName: "Bị khóa", role: "viewer", unitId: unit.id, passwordHash, disabled: true },
  ]).run();
});
afterAll(() => handle.cleanup());

describe("authenticate", () => {
  it("accepts the right password, case-insensitively for the username", async () => {
    const result = await authenticate(handle.db, "  CanBo ", "dung-mat-khau", "a");
    expect(result.ok && result.user.username).toBe("canbo");
  });

  it("refuses a wrong password and an unknown user alike", async () => {
    expect(await authenticate(handle.db, "canbo", "sai", "b")).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(handle.db, "khongco", "sai", "b")).toEqual({ ok: false, reason: "invalid" });
  });

  it("says a disabled account is disabled only after the right password", async () => {
    expect(await authenticate(handle.db, "bikhoa", "sai", "c")).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(handle.db, "bikhoa", "dung-mat-khau", "c")).toEqual({ ok: false, reason: "disabled" });
  });

  it(`throttles after ${MAX_FAILURES} failures per username and address, even with the right password`, async () => {
    for (let i = 0; i < MAX_FAILURES; i++) await authenticate(handle.db, "canbo", "sai", "10.0.0.9");
    expect(await authenticate(handle.db, "canbo", "dung-mat-khau", "10.0.0.9")).toEqual({ ok: false, reason: "throttled" });
    // Another address, or another user from that address, is not affected.
    expect((await authenticate(handle.db, "canbo", "dung-mat-khau", "10.0.0.10")).ok).toBe(true);
    expect(isThrottled(handle.db, "khac", "10.0.0.9")).toBe(false);
  });

  it("forgets failures after the window", () => {
    const long = Date.now() - WINDOW_MS - 1000;
    for (let i = 0; i < MAX_FAILURES; i++) recordAttempt(handle.db, "cu", "d", false, long);
    expect(isThrottled(handle.db, "cu", "d")).toBe(false);
  });

  it("clears an address's failures on success", async () => {
    for (let i = 0; i < MAX_FAILURES - 1; i++) await authenticate(handle.db, "canbo", "sai", "e");
    expect((await authenticate(handle.db, "canbo", "dung-mat-khau", "e")).ok).toBe(true);
    await authenticate(handle.db, "canbo", "sai", "e");
    expect(isThrottled(handle.db, "canbo", "e")).toBe(false);
  });

  it("keeps the password as an argon2id hash", () => {
    const row = handle.db.select().from(users).where(eq(users.username, "canbo")).get()!;
    expect(row.passwordHash.startsWith("$argon2id$")).toBe(true);
  });
});
