import { afterAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/lib/testing/test-db";
import { healthResponse } from "./check-health";

const handle = createTestDb();
afterAll(() => handle.cleanup());

describe("healthResponse", () => {
  it("tells anyone only that the app is up", () => {
    const { httpStatus, body } = healthResponse(handle.db, { details: false });
    expect(httpStatus).toBe(200);
    expect(body).toEqual({ status: "ok" });
  });

  it("gives an admin the database details", () => {
    const { httpStatus, body } = healthResponse(handle.db, { details: true });
    expect(httpStatus).toBe(200);
    expect(body).toMatchObject({ status: "ok", database: { status: "ok", journalMode: "wal", users: 0 } });
  });
});
