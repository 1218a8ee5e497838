import { NextResponse } from "next/server";
import { db } from "@/db";
import { registerWalkIn } from "@/lib/checkin/door-actions";
import { readDoorRequest } from "@/lib/checkin/door-request";
import { walkInRequestSchema } from "@/lib/schemas/checkin";

/** An attendee who was not invited: registered and checked in at once. Idempotent by nonce. */
export async function POST(request: Request) {
  const req = await readDoorRequest(request, "checkin:walk-in", walkInRequestSchema);
  if ("response" in req) return req.response;
  return NextResponse.json({ ok: true, ...registerWalkIn(db, req.user.id, req.input) });
}
