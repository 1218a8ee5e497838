import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db";
import { doorRefusals } from "@/lib/checkin/door-errors";
import { buildOfflineRoster } from "@/lib/checkin/offline-roster";
import { getScanSite } from "@/lib/checkin/site-access";
import { defineRoute } from "@/lib/http/define-route";
import { idParam } from "@/lib/http/request-input";

/**
 * GET /api/sites/{siteId}/roster — what a door device needs to work offline at
 * this site (lib/checkin/shared/roster-format.ts): the conference's invitations, the
 * campaign keys, revocations, check-ins so far and the window. Only for users
 * who may scan here now.
 */
export const GET = defineRoute(
  { permission: "checkin:scan", params: z.object({ siteId: idParam }), refuse: { params: () => doorRefusals.siteNotFound() } },
  async ({ params }, { user }) => {
    const access = await getScanSite(db, user, params.siteId);
    if (!access.ok) throw doorRefusals.site(access.reason);
    return NextResponse.json(await buildOfflineRoster(db, access.row), { headers: { "cache-control": "private, no-store" } });
  },
);
