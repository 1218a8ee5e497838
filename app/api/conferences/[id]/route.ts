import { NextResponse } from "next/server";
import { db } from "@/db";
import { requireApiUser } from "@/lib/auth/guards";
import { getConference } from "@/lib/conferences/get-conference";
import { parseConferenceId } from "@/lib/schemas/conferences";

/** One conference as JSON: 401 without a session, 404 when it is not in the caller's scope. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await requireApiUser("conference:read");
  if (!auth.ok) return auth.response;
  const id = parseConferenceId((await params).id);
  const conference = id ? getConference(db, auth.user, id) : null;
  if (!conference) return NextResponse.json({ error: "not_found", message: "Không tìm thấy hội nghị" }, { status: 404 });
  return NextResponse.json({ conference }, { headers: { "cache-control": "private, no-store" } });
}
