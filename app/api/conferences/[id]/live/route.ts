import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db";
import { requireApiUser } from "@/lib/auth/guards";
import { getLiveStats } from "@/lib/checkin/live-stats";
import { getConference } from "@/lib/conferences/get-conference";
import { parseId } from "@/lib/schemas/conferences";

/** The live counter's figures, for the whole conference or one site (?site=). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await requireApiUser("conference:read");
  if (!auth.ok) return auth.response;
  const id = parseId((await params).id);
  const conference = id ? getConference(db, auth.user, id) : null;
  if (!conference) return NextResponse.json({ error: "not_found", message: "Không tìm thấy hội nghị" }, { status: 404 });
  const site = z.coerce.number().int().positive().optional().catch(undefined).parse(new URL(request.url).searchParams.get("site") ?? undefined);
  const siteId = site && conference.sites.some((s) => s.id === site) ? site : undefined;
  return NextResponse.json(getLiveStats(db, conference.id, siteId), { headers: { "cache-control": "no-store" } });
}
