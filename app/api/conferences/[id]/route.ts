import { NextResponse } from "next/server";
import { db } from "@/db";
import { requireApiUser } from "@/lib/auth/guards";
import { conferenceIcs } from "@/lib/calendar/conference-ics";
import { getConference } from "@/lib/conferences/get-conference";
import { serverEnv } from "@/lib/env";
import { parseId } from "@/lib/http/request-input";

/**
 * GET /api/conferences/{id}      → the conference as JSON
 * GET /api/conferences/{id}.ics  → one calendar event
 * 401 without a session, 404 when it is not in the caller's scope.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await requireApiUser("conference:read");
  if (!auth.ok) return auth.response;
  const raw = (await params).id;
  const ics = raw.endsWith(".ics");
  const id = parseId(ics ? raw.slice(0, -4) : raw);
  const conference = id ? getConference(db, auth.user, id) : null;
  if (!conference) return NextResponse.json({ error: "not_found", message: "Không tìm thấy hội nghị" }, { status: 404 });
  if (!ics) return NextResponse.json({ conference }, { headers: { "cache-control": "private, no-store" } });
  return new NextResponse(conferenceIcs(db, conference.id, serverEnv().NEXTAUTH_URL ?? "", conference.sites[0]), {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `attachment; filename="hoi-nghi-${conference.id}.ics"`,
      "cache-control": "private, no-store",
    },
  });
}
