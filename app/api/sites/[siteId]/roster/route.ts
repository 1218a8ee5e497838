import { NextResponse } from "next/server";
import { db } from "@/db";
import { requireApiUser } from "@/lib/auth/guards";
import { siteRefusal } from "@/lib/checkin/door-errors";
import { buildOfflineRoster } from "@/lib/checkin/offline-roster";
import { getScanSite } from "@/lib/checkin/site-access";
import { parseId } from "@/lib/http/request-input";

/**
 * GET /api/sites/{siteId}/roster — what a door device needs to work offline at
 * this site (lib/checkin/shared/roster-format.ts): the conference's invitations, the
 * campaign keys, revocations, check-ins so far and the window. Only for users
 * who may scan here now.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ siteId: string }> }) {
  const auth = await requireApiUser("checkin:scan");
  if (!auth.ok) return auth.response;
  const siteId = parseId((await params).siteId);
  const access = siteId ? getScanSite(db, auth.user, siteId) : ({ ok: false, reason: "not_found" } as const);
  if (!access.ok) {
    const refusal = siteRefusal(access.reason);
    return NextResponse.json(refusal.body, { status: refusal.status });
  }
  return NextResponse.json(buildOfflineRoster(db, access.row), { headers: { "cache-control": "private, no-store" } });
}
