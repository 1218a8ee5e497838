/**
 * PostgreSQL only (vitest.config.mts, POSTGRES_ONLY): an offline queue whose transaction PostgreSQL refuses for a
 * conflict with a concurrent one (two devices' batches updating the same attendance tallies in another order, decision
 * 0039) is run again whole, not reported item by item as failed. SQLite has one writer and no such conflict.
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstRow } from "@/db/client";
import { checkIns, conferences, invitations, scanLog, sites, users } from "@/db/schema";
import { loadSessionUser } from "@/lib/auth/session-user";
import { tallyDifferences } from "@/lib/reports/attendance-tallies";
import { deadlockOnce } from "@/lib/testing/fault-trigger";
import { createDemoDb } from "@/lib/testing/test-db";
import { recordBatch } from "./record-batch";
import { siteForScan } from "./scan-statements";

const SEEDED = new Date("2026-11-28T03:00:00Z");
let handle: Awaited<ReturnType<typeof createDemoDb>>;
beforeAll(async () => (handle = await createDemoDb(SEEDED)));
afterAll(() => handle.cleanup());

describe("offline queue sync on PostgreSQL", () => {
  it("a deadlock on one item runs the whole batch again: every item recorded once, none reported failed", async () => {
    const db = handle.db;
    const practice = (await firstRow(db.select().from(conferences).where(isNull(conferences.requirementId))))!;
    const siteId = (await firstRow(db.select().from(sites).where(eq(sites.conferenceId, practice.id))))!.id;
    const letters = await db
      .select({ id: invitations.id, token: invitations.token })
      .from(invitations)
      .where(and(eq(invitations.conferenceId, practice.id), eq(invitations.status, "issued")))
      .orderBy(asc(invitations.id))
      .limit(3);
    const scanner = (await loadSessionUser(db, (await firstRow(db.select().from(users).where(eq(users.username, "diemdanh"))))!.id, 1))!;
    const items = letters.map((letter, i) => ({
      type: "scan",
      token: letter.token!,
      deviceId: "may-xung-dot",
      nonce: `conflict-nonce-${i}-xxxx`,
      scannedAt: SEEDED.getTime() + (i + 1) * 60_000,
      method: "camera",
    }));
    const remove = await deadlockOnce(db, { name: "deadlock_second_item", table: "check_ins", column: "invitation_id", equals: letters[1].id });
    try {
      const outcome = await recordBatch(db, scanner, (await siteForScan(db, siteId))!, items, new Date(SEEDED.getTime() + 10 * 60_000));
      expect(outcome.map((o) => (o.ok && "result" in o ? o.result.verdict : o.ok ? "walk-in" : o.error))).toEqual(["ok", "ok", "ok"]);
    } finally {
      await remove();
    }
    const ids = letters.map((l) => l.id);
    expect((await db.select().from(checkIns).where(inArray(checkIns.invitationId, ids))).map((c) => c.invitationId).sort()).toEqual([...ids].sort());
    // Once each: the first run's first item was rolled back with it, not kept beside the second run's.
    expect(
      await db
        .select()
        .from(scanLog)
        .where(
          inArray(
            scanLog.nonce,
            items.map((i) => i.nonce),
          ),
        ),
    ).toHaveLength(3);
    expect(await tallyDifferences(db, [practice.id])).toEqual([]);
  });
});
