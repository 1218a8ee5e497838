import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db";
import { getConference } from "@/lib/conferences/get-conference";
import { defineRoute } from "@/lib/http/define-route";
import { notFound } from "@/lib/http/request-error";
import { idParam } from "@/lib/http/request-input";
import { getVerificationData } from "@/lib/invitations/revocation-list";

/**
 * For door devices: the campaign's public key (never the private one) and the
 * conference's revocation list. Door staff see only conferences of their sites.
 */
export const GET = defineRoute(
  { permission: "checkin:scan", params: z.object({ id: idParam }), refuse: { params: () => notFound("requestErrors.conferenceNotFound") } },
  async ({ params }, { user }) => {
    const conference = await getConference(db, user, params.id);
    if (!conference) throw notFound("requestErrors.conferenceNotFound");
    return NextResponse.json(await getVerificationData(db, conference.id), { headers: { "cache-control": "private, no-store" } });
  },
);
