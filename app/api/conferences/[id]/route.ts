import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db";
import { conferenceIcs } from "@/lib/calendar/conference-ics";
import { getConference } from "@/lib/conferences/get-conference";
import { serverEnv } from "@/lib/env";
import { defineRoute } from "@/lib/http/define-route";
import { notFound } from "@/lib/http/request-error";
import { idParam } from "@/lib/http/request-input";

/** "12" or "12.ics": the id, and whether the calendar event is asked for. */
const conferenceParams = z.object({
  id: z
    .string()
    .transform((raw) => ({ raw: raw.endsWith(".ics") ? raw.slice(0, -4) : raw, ics: raw.endsWith(".ics") }))
    .pipe(z.object({ raw: idParam, ics: z.boolean() })),
});

/**
 * GET /api/conferences/{id}      → the conference as JSON
 * GET /api/conferences/{id}.ics  → one calendar event
 * 401 without a session, 404 when it is not in the caller's scope.
 */
export const GET = defineRoute(
  { permission: "conference:read", params: conferenceParams, refuse: { params: () => notFound("requestErrors.conferenceNotFound") } },
  async ({ params }, { user }) => {
    const conference = await getConference(db, user, params.id.raw);
    if (!conference) throw notFound("requestErrors.conferenceNotFound");
    if (!params.id.ics) return NextResponse.json({ conference }, { headers: { "cache-control": "private, no-store" } });
    return new NextResponse(await conferenceIcs(db, conference.id, serverEnv().NEXTAUTH_URL ?? "", conference.sites[0]), {
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "content-disposition": `attachment; filename="hoi-nghi-${conference.id}.ics"`,
        "cache-control": "private, no-store",
      },
    });
  },
);
