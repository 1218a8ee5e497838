import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db";
import { getLiveStats, liveSites } from "@/lib/checkin/live-stats";
import { getConference } from "@/lib/conferences/get-conference";
import { defineRoute } from "@/lib/http/define-route";
import { notFound, RequestError } from "@/lib/http/request-error";
import { idParam } from "@/lib/http/request-input";

/** The live counter's figures, for the user's part of the conference or one site of it (?site=); door staff: their sites. */
export const GET = defineRoute(
  {
    permission: "conference:live",
    params: z.object({ id: idParam }),
    query: z.object({ site: z.coerce.number().int().positive().optional() }),
    refuse: {
      params: () => notFound("requestErrors.conferenceNotFound"),
      query: () => new RequestError("invalid", 400, { messageKey: "requestErrors.siteInvalid" }),
    },
  },
  async ({ params, query }, { user }) => {
    const conference = await getConference(db, user, params.id);
    if (!conference) throw notFound("requestErrors.conferenceNotFound");
    const part = liveSites(conference, query.site);
    if (!part) throw notFound("requestErrors.siteNotFoundHere");
    return NextResponse.json(await getLiveStats(db, conference.id, part.siteIds), { headers: { "cache-control": "no-store" } });
  },
);
