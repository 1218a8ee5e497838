import { NextResponse } from "next/server";
import { db } from "@/db";
import { isFlooding } from "@/lib/checkin/device-rate-limit";
import { DOOR_ERRORS } from "@/lib/checkin/door-errors";
import { readDoorRequest } from "@/lib/checkin/door-request";
import { recordScan } from "@/lib/checkin/record-scan";
import { checkInRequestSchema } from "@/lib/schemas/checkin";

/**
 * POST /api/checkin — the contract door devices use.
 * { token, siteId, deviceId, nonce, scannedAt, method?, offline? } → 200 { verdict, attendee?, checkIn?, firstCheckIn?, … }
 * 401 without a session, 403 for a site the user may not scan at, 400 for a malformed body, 429 when a device floods.
 */
export async function POST(request: Request) {
  const req = await readDoorRequest(request, "checkin:scan", checkInRequestSchema);
  if ("response" in req) return req.response;
  if (isFlooding(req.user.id, req.input.deviceId)) return NextResponse.json(DOOR_ERRORS.tooMany.body, { status: DOOR_ERRORS.tooMany.status });
  return NextResponse.json(recordScan(db, req.user.id, req.input), { headers: { "cache-control": "no-store" } });
}
