import { NextResponse } from "next/server";
import { db } from "@/db";
import { unitFeedIcs } from "@/lib/calendar/conference-ics";
import { serverEnv } from "@/lib/env";

/** A unit's subscribable calendar: public, reached only through its secret, revocable token. */
export function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  return params.then(({ token }) => {
    const clean = token.replace(/\.ics$/, "");
    const body = /^[A-Z2-7]{32}$/.test(clean) ? unitFeedIcs(db, clean, serverEnv().NEXTAUTH_URL ?? "") : null;
    if (!body)
      return new NextResponse("Không tìm thấy lịch (đường dẫn sai hoặc đã bị thu hồi).\n", {
        status: 404,
        headers: { "content-type": "text/plain; charset=utf-8" },
      });
    return new NextResponse(body, { headers: { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, max-age=300" } });
  });
}
