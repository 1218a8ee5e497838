import { NextResponse } from "next/server";
import { db } from "@/db";
import { recordSubstitute } from "@/lib/checkin/door-actions";
import { defineDoorRoute } from "@/lib/checkin/door-request";
import { notFound } from "@/lib/http/request-error";
import { substituteRequestSchema } from "@/lib/schemas/checkin";

/** After a scan: the person who actually came in the invitee's place (người đi thay). */
export const POST = defineDoorRoute(
  { permission: "checkin:scan", schema: substituteRequestSchema },
  async ({ siteId, invitationId, name, position }, { user }) => {
    if (!(await recordSubstitute(db, user.id, siteId, invitationId, name, position))) throw notFound("requestErrors.invitationNotInConference");
    return NextResponse.json({ ok: true });
  },
);
