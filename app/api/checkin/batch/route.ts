import { NextResponse } from "next/server";
import { db } from "@/db";
import { defineDoorRoute } from "@/lib/checkin/door-request";
import { recordBatch } from "@/lib/checkin/record-batch";
import { siteForScan } from "@/lib/checkin/scan-statements";
import { checkInBatchSchema, MAX_BATCH_BODY_BYTES } from "@/lib/schemas/checkin";

/**
 * POST /api/checkin/batch — a door device's offline queue.
 * { siteId, items: [{ type: "scan", token | invitationId, deviceId, nonce, scannedAt, method }
 *                   | { type: "walk_in", fullName, position?, workplace?, deviceId, nonce, scannedAt }] (1–200) }
 * → 200 { results: [{ nonce, ok: true, result | walkIn } | { nonce, ok: false, error, message }] }, in the order sent.
 * Idempotent by nonce. 401 without a session, 403 for a site the user may not scan at, 400 for a malformed envelope.
 */
export const POST = defineDoorRoute(
  { permission: "checkin:scan", schema: checkInBatchSchema, maxBytes: MAX_BATCH_BODY_BYTES, purpose: "sync" },
  async (input, { user }) => {
    const site = (await siteForScan(db, input.siteId))!;
    return NextResponse.json({ results: await recordBatch(db, user, site, input.items) }, { headers: { "cache-control": "no-store" } });
  },
);
