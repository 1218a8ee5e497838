import { NextResponse } from "next/server";
import { db } from "@/db";
import { listCalendarEvents } from "@/lib/calendar/list-calendar-events";
import { getCurrentCampaign } from "@/lib/campaigns/current-campaign";
import { defineRoute } from "@/lib/http/define-route";
import { calendarQuerySchema } from "@/lib/schemas/calendar";

/** The calendar's events as JSON, with the same filters and scope as the page. */
export const GET = defineRoute({ permission: "conference:read", query: calendarQuerySchema }, async ({ query }, { user }) => {
  const campaignId = query.campaign ?? (await getCurrentCampaign(db, user))?.id;
  const events = await listCalendarEvents(db, user, { campaignId, level: query.level, unitId: query.unit, bodyKind: query.body });
  return NextResponse.json({ events }, { headers: { "cache-control": "private, no-store" } });
});
