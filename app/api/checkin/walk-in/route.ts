import { NextResponse } from "next/server";
import { db } from "@/db";
import { registerWalkIn } from "@/lib/checkin/door-actions";
import { defineDoorRoute } from "@/lib/checkin/door-request";
import { walkInRequestSchema } from "@/lib/schemas/checkin";

/** An attendee who was not invited: registered and checked in at once. Idempotent by nonce. */
export const POST = defineDoorRoute({ permission: "checkin:walk-in", schema: walkInRequestSchema }, async (input, { user }) =>
  NextResponse.json({ ok: true, ...(await registerWalkIn(db, user.id, input)) }),
);
