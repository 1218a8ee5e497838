import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db";
import { unitFeedIcs } from "@/lib/calendar/conference-ics";
import { serverEnv } from "@/lib/env";
import { defineRoute } from "@/lib/http/define-route";

/** A calendar program reads this: its refusal is plain text, in the words of requestErrors. */
const notFoundText = (text: string) => new NextResponse(`${text}\n`, { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

/** A unit's subscribable calendar: public by design, reached only through its secret, revocable token. */
export const GET = defineRoute({ permission: null, params: z.object({ token: z.string() }) }, async ({ params }, { t }) => {
  const clean = params.token.replace(/\.ics$/, "");
  const body = /^[A-Z2-7]{32}$/.test(clean) ? await unitFeedIcs(db, clean, serverEnv().NEXTAUTH_URL ?? "") : null;
  if (!body) return notFoundText(t("requestErrors.feedNotFound"));
  return new NextResponse(body, { headers: { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, max-age=300" } });
});
