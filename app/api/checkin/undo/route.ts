import { NextResponse } from "next/server";
import { db } from "@/db";
import { undoCheckIn } from "@/lib/checkin/door-actions";
import { defineDoorRoute } from "@/lib/checkin/door-request";
import { notFound } from "@/lib/http/request-error";
import { undoRequestSchema } from "@/lib/schemas/checkin";

/** Organisers and admins: undo a check-in made by mistake, with a reason (kept in the audit log). */
export const POST = defineDoorRoute({ permission: "checkin:undo", schema: undoRequestSchema }, async ({ siteId, invitationId, reason }, { user }) => {
  if (!(await undoCheckIn(db, user.id, siteId, invitationId, reason))) throw notFound("requestErrors.nothingToUndo");
  return NextResponse.json({ ok: true });
});
