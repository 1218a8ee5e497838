import { describe, expect, it } from "vitest";
import type { StoredScan } from "./door-store";
import { applyOutcomes, BATCH_SIZE, nextBatch } from "./sync-queue";

const scan = (nonce: string, siteId: number, scannedAt: number, shown: StoredScan["shown"] = { verdict: "ok", invitationId: 1 }): StoredScan => ({
  nonce,
  siteId,
  item: { type: "scan", token: "T", deviceId: "may-A", nonce, scannedAt, method: "hardware" },
  shown,
  state: "queued",
});

describe("the sync queue", () => {
  it("sends the oldest scan's site first, oldest first, at most one batch of that site", () => {
    const queued = [scan("c", 2, 30), scan("a", 1, 20), scan("b", 2, 10), scan("d", 2, 40)];
    expect(nextBatch(queued)).toEqual({ siteId: 2, batch: [queued[2], queued[0], queued[3]] });
    expect(nextBatch([])).toBeNull();
    const many = Array.from({ length: BATCH_SIZE + 5 }, (_, i) => scan(`n${i}`, 1, i));
    expect(nextBatch(many)?.batch).toHaveLength(BATCH_SIZE);
  });

  it("reads the server's answer item by item: recorded, judged otherwise, rejected, failed (retryable), missing", () => {
    const batch = [scan("a", 1, 1), scan("b", 1, 2), scan("c", 1, 3), scan("d", 1, 4), scan("e", 1, 5)];
    const [same, differs, rejected, failed, missing] = applyOutcomes(
      batch,
      [
        { nonce: "a", ok: true, result: { verdict: "ok", invitationId: 1 } },
        { nonce: "b", ok: true, result: { verdict: "duplicate", invitationId: 1 } },
        { nonce: "c", ok: false, error: "invalid", message: "Sai dữ liệu" },
        { nonce: "d", ok: false, error: "failed", message: "Lỗi máy chủ" },
      ],
      99,
    );
    expect(same).toEqual({ ...batch[0], state: "synced", syncedAt: 99 });
    expect(differs).toMatchObject({ state: "synced", syncedAt: 99, serverResult: { verdict: "duplicate" } });
    expect(rejected).toMatchObject({ state: "rejected", rejection: "Sai dữ liệu", retryable: false });
    expect(failed).toMatchObject({ state: "rejected", rejection: "Lỗi máy chủ", retryable: true });
    expect(missing).toMatchObject({ state: "rejected", rejection: "", retryable: false });
  });
});
