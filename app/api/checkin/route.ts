import { NextResponse } from "next/server";
import { db } from "@/db";
import { isFlooding } from "@/lib/checkin/device-rate-limit";
import { doorRefusals } from "@/lib/checkin/door-errors";
import { defineDoorRoute } from "@/lib/checkin/door-request";
import { recordScan } from "@/lib/checkin/record-scan";
import { checkInRequestSchema } from "@/lib/schemas/checkin";

/**
 * POST /api/checkin — the contract door devices use.
 * { token, siteId, deviceId, nonce, scannedAt, method?, offline? } → 200 { verdict, attendee?, checkIn?, firstCheckIn?, … }
 * 401 without a session, 403 for a site the user may not scan at, 400 for a malformed body, 429 when a device floods.
 * (server.ts answers this path before Next, lib/checkin/fast-path.ts; this handler is the same contract inside Next.)
 */
export const POST = defineDoorRoute({ permission: "checkin:scan", schema: checkInRequestSchema }, async (input, { user }) => {
  if (await isFlooding(db, user.id, input.deviceId)) throw doorRefusals.tooMany();
  return NextResponse.json(await recordScan(db, user.id, input), { headers: { "cache-control": "no-store" } });
});
