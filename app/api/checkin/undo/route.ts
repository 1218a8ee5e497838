import { NextResponse } from "next/server";
import { db } from "@/db";
import { undoCheckIn } from "@/lib/checkin/door-actions";
import { doorError, readDoorRequest } from "@/lib/checkin/door-request";
import { undoRequestSchema } from "@/lib/schemas/checkin";

/** Organisers and admins: undo a check-in made by mistake, with a reason (kept in the audit log). */
export async function POST(request: Request) {
  const req = await readDoorRequest(request, "checkin:undo", undoRequestSchema);
  if ("response" in req) return req.response;
  const { siteId, invitationId, reason } = req.input;
  if (!undoCheckIn(db, req.user.id, siteId, invitationId, reason)) return doorError(404, "not_found", "Không có lượt điểm danh nào để hủy.");
  return NextResponse.json({ ok: true });
}
