import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerWhileHeld, createTestDb } from "@/lib/testing/test-db";
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
    expect(await answerWhileHeld(handle.db, () => installationId(handle.db))).toBe(id);
  });
});
