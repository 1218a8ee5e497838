import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db";
import { requireApiUser } from "@/lib/auth/guards";
import { getLiveStats, liveSites } from "@/lib/checkin/live-stats";
import { getConference } from "@/lib/conferences/get-conference";
import { parseId } from "@/lib/http/request-input";

/** The live counter's figures, for the user's part of the conference or one site of it (?site=); door staff: their sites. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await requireApiUser("conference:live");
  if (!auth.ok) return auth.response;
  const id = parseId((await params).id);
  const conference = id ? getConference(db, auth.user, id) : null;
  if (!conference) return NextResponse.json({ error: "not_found", message: "Không tìm thấy hội nghị" }, { status: 404 });
  const raw = new URL(request.url).searchParams.get("site");
  const site = z.coerce
    .number()
    .int()
    .positive()
    .safeParse(raw ?? undefined);
  if (raw !== null && !site.success) return NextResponse.json({ error: "invalid", message: "Điểm cầu không hợp lệ" }, { status: 400 });
  const part = liveSites(conference, site.data);
  if (!part) return NextResponse.json({ error: "not_found", message: "Không tìm thấy điểm cầu" }, { status: 404 });
  return NextResponse.json(getLiveStats(db, conference.id, part.siteIds), { headers: { "cache-control": "no-store" } });
}
