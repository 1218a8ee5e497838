import { firstRow } from "@/db/client";
import { NextResponse } from "next/server";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { invitations, sites } from "@/db/schema";
import { conferenceIcs } from "@/lib/calendar/conference-ics";
import { checkInvitationToken } from "@/lib/invitations/check-token";
import { serverEnv } from "@/lib/env";
import { defineRoute } from "@/lib/http/define-route";

/** "Add to calendar" from the personal page: public by design, through the invitation's token only; at the invitation's own site. */
export const GET = defineRoute({ permission: null, params: z.object({ token: z.string() }) }, async ({ params }, { t }) => {
  const token = params.token.replace(/\.ics$/, "");
  const check = await checkInvitationToken(db, token);
  if (check.verdict !== "valid" || !check.conferenceId) {
    return new NextResponse(`${t("requestErrors.invitationNotFound")}\n`, {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const site = await firstRow(
    db
      .select({ venue: sites.venue, address: sites.address })
      .from(invitations)
      .innerJoin(sites, eq(sites.id, invitations.siteId))
      .where(eq(invitations.id, check.invitationId!)),
  );
  // The guest's own event links to their public invitation page, not to a page only staff can open.
  const base = (serverEnv().NEXTAUTH_URL ?? "").replace(/\/$/, "");
  return new NextResponse(await conferenceIcs(db, check.conferenceId, base, site, { url: `${base}/i/${token}` }), {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": 'attachment; filename="giay-moi.ics"',
      "cache-control": "private, no-store",
      "referrer-policy": "no-referrer",
    },
  });
});
