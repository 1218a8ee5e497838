/**
 * A door device's queue, synced when the network is back (POST /api/checkin/batch).
 *
 * Each item is what the device recorded offline: a scan or a walk-in, with its
 * nonce and device time. Items are judged by the same rules as live scans, in
 * one write transaction, in the order sent, each in its own savepoint: an item
 * the database fails on comes back as "failed" and the rest are kept (the device
 * shows it, and does not resend it by itself); a conflict with a concurrent transaction runs the whole batch
 * again (record-batch's catch). A nonce already recorded gets its
 * earlier answer again, so a batch can be resent safely after a lost reply.
 * A scan made before the check-in on record takes it over (earliest device time
 * wins, record-scan.ts). The caller has checked that the user may scan at the site.
 */
import { transaction, type Db, type Tx } from "@/db/client";
import { isTransactionConflict } from "@/db/dialect";
import type { SessionUser } from "@/lib/auth/session-user";
import { can } from "@/lib/permissions";
import { batchItemSchema } from "@/lib/schemas/checkin";
import { registerWalkInInTransaction } from "./door-actions";
import { DOOR_ISOLATION, recordScanInTransaction, type ScanResult, type Site } from "./record-scan";

export type BatchOutcome =
  | { nonce: string; ok: true; result: ScanResult }
  | { nonce: string; ok: true; walkIn: { invitationId: number } }
  | { nonce: string | null; ok: false; error: "bad_request" | "forbidden" | "failed"; message: string };

const nonceOf = (item: unknown) => {
  const nonce = (item as { nonce?: unknown } | null)?.nonce;
  return typeof nonce === "string" ? nonce.slice(0, 64) : null;
};

/** A database error on one item: that item is rolled back and reported, the others are kept. */
export const ITEM_FAILED_MESSAGE = "Máy chủ không ghi được lượt này; các lượt khác đã được lưu. Bấm “Thử lại” sau.";

export async function recordBatch(db: Db, user: SessionUser, site: Site, items: unknown[], now: Date = new Date()): Promise<BatchOutcome[]> {
  return await transaction(
    db,
    async (tx) => {
      const outcomes: BatchOutcome[] = [];
      for (const raw of items) {
        try {
          // Each item in its own savepoint (a transaction inside a transaction): a failed one is undone alone.
          outcomes.push(await transaction(tx, (savepoint) => recordItem(savepoint, user, site, raw, now)));
        } catch (error) {
          // A deadlock or serialization failure (two devices' batches updating the same attendance tallies in
          // another order, decision 0039) aborts the whole transaction on PostgreSQL: the batch runs again,
          // from the start (its items are idempotent by nonce), instead of reporting the item as failed.
          if (isTransactionConflict(error)) throw error;
          console.error("batch item failed", error);
          outcomes.push({ nonce: nonceOf(raw), ok: false, error: "failed", message: ITEM_FAILED_MESSAGE });
        }
      }
      return outcomes;
    },
    DOOR_ISOLATION,
  );
}

async function recordItem(db: Tx, user: SessionUser, site: Site, raw: unknown, now: Date): Promise<BatchOutcome> {
  const parsed = batchItemSchema.safeParse(raw);
  if (!parsed.success || (parsed.data.type === "scan" && (parsed.data.token === undefined) === (parsed.data.invitationId === undefined))) {
    return { nonce: nonceOf(raw), ok: false, error: "bad_request", message: "Lượt quét không đọc được; đã bỏ qua." };
  }
  const item = parsed.data;
  if (item.type === "walk_in") {
    if (!can(user.role, "checkin:walk-in"))
      return { nonce: item.nonce, ok: false, error: "forbidden", message: "Không có quyền ghi người dự không có giấy mời." };
    return { nonce: item.nonce, ok: true, walkIn: await registerWalkInInTransaction(db, user.id, { ...item, siteId: site.id }, now) };
  }
  const result = await recordScanInTransaction(db, user.id, { ...item, siteId: site.id, site, offline: true }, now);
  return { nonce: item.nonce, ok: true, result };
}
