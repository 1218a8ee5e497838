import { NextResponse } from "next/server";
import { db } from "@/db";
import { requireApiUser } from "@/lib/auth/guards";
import { listCalendarEvents } from "@/lib/calendar/list-calendar-events";
import { getCurrentCampaign } from "@/lib/campaigns/current-campaign";
import { calendarQuerySchema } from "@/lib/schemas/calendar";

/** The calendar's events as JSON, with the same filters and scope as the page. */
export async function GET(request: Request) {
  const auth = await requireApiUser("conference:read");
  if (!auth.ok) return auth.response;
  const query = calendarQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const campaignId = query.campaign ?? getCurrentCampaign(db, auth.user)?.id;
  const events = listCalendarEvents(db, auth.user, { campaignId, level: query.level, unitId: query.unit, bodyKind: query.body });
  return NextResponse.json({ events }, { headers: { "cache-control": "private, no-store" } });
}
