import { afterAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/lib/testing/test-db";
import { databaseEngine } from "@/db/engine";
import { healthResponse } from "./check-health";

const handle = await createTestDb();
afterAll(() => handle.cleanup());

describe("healthResponse", () => {
  it("tells anyone only that the app is up", async () => {
    const { httpStatus, body } = await healthResponse(handle.db, { details: false });
    expect(httpStatus).toBe(200);
    expect(body).toEqual({ status: "ok" });
  });

  it("gives an admin the database details", async () => {
    const { httpStatus, body } = await healthResponse(handle.db, { details: true });
    expect(httpStatus).toBe(200);
    const engine = databaseEngine() === "postgres" ? { engine: "postgres", version: expect.stringMatching(/^\d+/) } : { engine: "sqlite", journalMode: "wal" };
    expect(body).toMatchObject({ status: "ok", database: { status: "ok", ...engine, users: 0 } });
  });
});
