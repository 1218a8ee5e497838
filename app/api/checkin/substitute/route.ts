import { NextResponse } from "next/server";
import { db } from "@/db";
import { recordSubstitute } from "@/lib/checkin/door-actions";
import { doorError, readDoorRequest } from "@/lib/checkin/door-request";
import { substituteRequestSchema } from "@/lib/schemas/checkin";

/** After a scan: the person who actually came in the invitee's place (người đi thay). */
export async function POST(request: Request) {
  const req = await readDoorRequest(request, "checkin:scan", substituteRequestSchema);
  if ("response" in req) return req.response;
  const { siteId, invitationId, name, position } = req.input;
  if (!recordSubstitute(db, req.user.id, siteId, invitationId, name, position)) return doorError(404, "not_found", "Không tìm thấy giấy mời ở hội nghị này.");
  return NextResponse.json({ ok: true });
}
