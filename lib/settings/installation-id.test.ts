import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transaction } from "@/db/client";
import { createTestDb } from "@/lib/testing/test-db";
import { installationId } from "./installation-id";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.cleanup());

describe("installationId", () => {
  it("is made once: first calls at the same time agree, and later calls give the same id", async () => {
    const [a, b] = await Promise.all([installationId(handle.db), installationId(handle.db)]);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(b).toBe(a);
    expect(await installationId(handle.db)).toBe(a);
  });

  it("once made, is read without the write lane: it answers while another transaction holds the lane", async () => {
    const id = await installationId(handle.db);
    let release = () => {};
    let held = () => {};
    const holdingStarted = new Promise<void>((resolve) => (held = resolve));
    const holding = transaction(handle.db, () => {
      held();
      return new Promise<void>((resolve) => (release = resolve));
    });
    await holdingStarted; // PostgreSQL begins the transaction a round trip later
    let answered: string | null = null;
    const asked = installationId(handle.db).then((value) => (answered = value));
    // Answered without waiting for the holder: at once on SQLite, after its round trips on PostgreSQL (2 s is "waited").
    await Promise.race([asked, new Promise((resolve) => setTimeout(resolve, 2000))]);
    const answeredWhileHeld = answered;
    release();
    await Promise.all([holding, asked]);
    expect(answeredWhileHeld).toBe(id);
  });
});
