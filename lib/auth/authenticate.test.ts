import { mapInOrder } from "@/lib/async/in-order";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { returnedRow, firstRow, closeDatabase, writerForSetup, openDatabase } from "@/db/client";
import { auditLog, loginAttempts, units, users } from "@/db/schema";
import { createTestDb } from "@/lib/testing/test-db";
import { unlockSignIn } from "@/lib/users/manage-users";
import { authenticate } from "./authenticate";
import { clientAddress } from "./client-address";
import { hashPassword } from "./password";
import {
  ADDRESS_MAX_FAILURES,
  FREE_FAILURES,
  MAX_DELAY_SECONDS,
  WINDOW_MS,
  admitAttempt,
  recentFailureCounts,
  recentFailures,
  usernameDelaySeconds,
} from "./throttle";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let adminId: number;
const RIGHT = "dung-mat-khau";
const T0 = Date.UTC(2026, 11, 1, 2, 0, 0);

beforeAll(async () => {
  handle = await createTestDb();
  const unit = await returnedRow(
    writerForSetup(handle.db).insert(units).values({ code: "51", name: "Tỉnh Quảng Ngãi", kind: "tinh", placeName: "Quảng Ngãi" }).returning(),
  );
  const passwordHash = await hashPassword(RIGHT);
  await writerForSetup(handle.db)
    .insert(users)
    .values([
      { username: "canbo", fullName: "Cán bộ", role: "viewer", unitId: unit.id, passwordHash },
      { username: "bikhoa", fullName: "Bị khóa", role: "viewer", unitId: unit.id, passwordHash, disabled: true },
      { username: "baocao.bato", fullName: "Báo cáo Ba Tơ", role: "viewer", unitId: unit.id, passwordHash },
      { username: "nannhan", fullName: "Nạn nhân", role: "viewer", unitId: unit.id, passwordHash },
      { username: "chocho", fullName: "Chờ chờ", role: "viewer", unitId: unit.id, passwordHash },
    ]);
  adminId = (
    await returnedRow(
      writerForSetup(handle.db).insert(users).values({ username: "quantri", fullName: "Quản trị", role: "admin", unitId: unit.id, passwordHash }).returning(),
    )
  ).id;
});
afterAll(() => handle.cleanup());

describe("authenticate", () => {
  it("accepts the right password, case-insensitively for the username", async () => {
    const result = await authenticate(writerForSetup(handle.db), "  CanBo ", RIGHT, null);
    expect(result.ok && result.user.username).toBe("canbo");
  });

  it("refuses a wrong password and an unknown user alike", async () => {
    expect(await authenticate(writerForSetup(handle.db), "canbo", "sai", null)).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(writerForSetup(handle.db), "khongco", "sai", null)).toEqual({ ok: false, reason: "invalid" });
  });

  it("says a disabled account is disabled only after the right password", async () => {
    expect(await authenticate(writerForSetup(handle.db), "bikhoa", "sai", null)).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(writerForSetup(handle.db), "bikhoa", RIGHT, null)).toEqual({ ok: false, reason: "disabled" });
  });

  it("keeps the password as an argon2id hash", async () => {
    const row = (await firstRow(handle.db.select().from(users).where(eq(users.username, "canbo"))))!;
    expect(row.passwordHash.startsWith("$argon2id$")).toBe(true);
  });
});

describe("the per-username backoff slows, never locks", () => {
  it("waits 0 for the first failures, then 2, 4, 8 … seconds, never more than the cap", () => {
    const delays = Array.from({ length: 12 }, (_, n) => usernameDelaySeconds(n));
    expect(delays.slice(0, FREE_FAILURES)).toEqual(Array(FREE_FAILURES).fill(0));
    expect(delays.slice(FREE_FAILURES, FREE_FAILURES + 4)).toEqual([2, 4, 8, 16]);
    expect(Math.max(...delays)).toBe(MAX_DELAY_SECONDS);
  });

  it("an attacker from the shared address cannot keep the real user out beyond the cap", async () => {
    // No TRUST_PROXY: every client's address is unknown (null), as in the issue.
    let now = T0;
    let attackerFailures = 0;
    let longestWait = 0;
    for (let i = 0; i < 300; i++) {
      const result = await authenticate(writerForSetup(handle.db), "baocao.bato", `doan-${i}`, null, now);
      if (result.ok) throw new Error("the attacker got in");
      if (result.reason === "invalid") attackerFailures++;
      else {
        expect(result.reason).toBe("throttled");
        if (result.reason === "throttled") longestWait = Math.max(longestWait, result.retryAfterSeconds);
      }
      now += 1000; // one guess a second, for five minutes
    }
    // The attacker was slowed to about one guess per cap…
    expect(attackerFailures).toBeLessThan(FREE_FAILURES + 300 / MAX_DELAY_SECONDS + 5);
    // …the wait it caused was never more than the cap (no 15-minute lock)…
    expect(longestWait).toBeLessThanOrEqual(MAX_DELAY_SECONDS);
    // …and the real user, waiting at most the cap, gets in.
    const real = await authenticate(writerForSetup(handle.db), "baocao.bato", RIGHT, null, now + MAX_DELAY_SECONDS * 1000);
    expect(real.ok).toBe(true);
    // Their success forgets the failures: the next sign-in waits for nothing.
    expect((await recentFailures(handle.db, "baocao.bato", now + MAX_DELAY_SECONDS * 1000)).count).toBe(0);
  });

  it("a wait is answered with its length, and hammering during it does not make it longer", async () => {
    let now = T0 + 10 * WINDOW_MS;
    for (let i = 0; i < FREE_FAILURES; i++) {
      expect(await authenticate(writerForSetup(handle.db), "chocho", "sai", null, now)).toEqual({ ok: false, reason: "invalid" });
      now += 100;
    }
    const lastFailure = now - 100;
    const wait = usernameDelaySeconds(FREE_FAILURES);
    for (let i = 0; i < 20; i++) {
      const refused = await authenticate(writerForSetup(handle.db), "chocho", RIGHT, null, now);
      expect(refused).toMatchObject({ ok: false, reason: "throttled" });
      if (!refused.ok && refused.reason === "throttled") expect(refused.retryAfterSeconds).toBeLessThanOrEqual(wait);
      now += 50;
    }
    expect((await authenticate(writerForSetup(handle.db), "chocho", RIGHT, null, lastFailure + wait * 1000)).ok).toBe(true);
  });

  it("forgets failures after the window", async () => {
    const long = T0 + 20 * WINDOW_MS;
    for (let i = 0; i < 10; i++) await admitAttempt(handle.db, "cu", null, long + i);
    expect(await admitAttempt(handle.db, "cu", null, long + WINDOW_MS + 10)).toEqual({ allowed: true });
  });

  it("a burst at one instant, even from two processes' connections, lets only one attempt through", async () => {
    const other = openDatabase(handle.file);
    try {
      const now = T0 + 30 * WINDOW_MS;
      for (let i = 0; i < FREE_FAILURES; i++) await admitAttempt(handle.db, "dongthoi", null, now - 10_000 + i);
      const verdicts = await mapInOrder([handle.db, other, handle.db, other], async (db) => await admitAttempt(db, "dongthoi", null, now));
      expect(verdicts.filter((v) => v.allowed)).toHaveLength(1);
    } finally {
      await closeDatabase(other);
    }
  });
});

describe("the per-address limit, only where the real address is known", () => {
  it(`refuses an address after ${ADDRESS_MAX_FAILURES} failures across usernames, for that address only`, async () => {
    const now = T0 + 40 * WINDOW_MS;
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) {
      expect(await authenticate(writerForSetup(handle.db), `doan${i}`, "sai", "203.0.113.7", now + i)).toEqual({ ok: false, reason: "invalid" });
    }
    const refused = await authenticate(writerForSetup(handle.db), "nannhan", RIGHT, "203.0.113.7", now + 100);
    expect(refused).toMatchObject({ ok: false, reason: "addressThrottled" });
    if (!refused.ok && refused.reason === "addressThrottled") expect(refused.retryAfterSeconds).toBeLessThanOrEqual(WINDOW_MS / 1000);
    // The real user, from their own address, is not affected.
    expect((await authenticate(writerForSetup(handle.db), "nannhan", RIGHT, "198.51.100.20", now + 200)).ok).toBe(true);
    // And the attacker's address is free again after the window.
    expect((await authenticate(writerForSetup(handle.db), "nannhan", RIGHT, "203.0.113.7", now + WINDOW_MS + 100)).ok).toBe(true);
  });

  it("takes the address nginx appended, or the socket's unless it is loopback", () => {
    expect(clientAddress({ "x-forwarded-for": "1.2.3.4, 198.51.100.9" }, true)).toBe("198.51.100.9");
    expect(clientAddress({}, true)).toBeNull();
    expect(clientAddress({ "x-forwarded-for": "1.2.3.4", "x-quan-triet-socket-address": "127.0.0.1" }, false)).toBeNull();
    expect(clientAddress({ "x-quan-triet-socket-address": "::ffff:127.0.0.1" }, false)).toBeNull();
    expect(clientAddress({ "x-quan-triet-socket-address": "192.168.1.23" }, false)).toBe("192.168.1.23");
    expect(clientAddress(undefined, false)).toBeNull();
  });
});

describe("the admin's unlock", () => {
  it("shows the recent failures and clears them, audited, so the user's next attempt waits for nothing", async () => {
    const now = Date.now();
    await writerForSetup(handle.db)
      .insert(loginAttempts)
      .values(Array.from({ length: FREE_FAILURES + 3 }, (_, i) => ({ username: "nannhan", address: null, attemptedAt: new Date(now - 1000 + i) })));
    expect((await recentFailureCounts(handle.db, now)).get("nannhan")).toBe(FREE_FAILURES + 3);
    expect(await authenticate(writerForSetup(handle.db), "nannhan", RIGHT, null, now)).toMatchObject({ ok: false, reason: "throttled" });

    const target = (await firstRow(handle.db.select().from(users).where(eq(users.username, "nannhan"))))!;
    expect(await unlockSignIn(handle.db, { id: adminId, scopeUnitIds: "all" }, target.id)).toEqual({ ok: true });
    expect((await recentFailureCounts(handle.db, now)).get("nannhan")).toBeUndefined();
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.action, "unlock_sign_in"));
    expect(audit).toMatchObject([{ userId: adminId, entity: "user", entityId: String(target.id), before: { failures: FREE_FAILURES + 3 } }]);

    expect((await authenticate(writerForSetup(handle.db), "nannhan", RIGHT, null, now)).ok).toBe(true);
    expect(await unlockSignIn(handle.db, { id: adminId, scopeUnitIds: "all" }, 999_999)).toEqual({ ok: false, code: "userNotFound" });
  });
});
