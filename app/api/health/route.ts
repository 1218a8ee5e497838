import { NextResponse } from "next/server";
import { db } from "@/db";
import { getCurrentUser } from "@/lib/auth/guards";
import { healthResponse } from "@/lib/health/check-health";
import { defineRoute } from "@/lib/http/define-route";
import { can } from "@/lib/permissions";

export const dynamic = "force-dynamic";

/** Public up/down for a load balancer or the door devices; the details only for an admin (a broken session is simply no admin). */
export const GET = defineRoute({ permission: null }, async () => {
  const user = await getCurrentUser().catch(() => null);
  const { httpStatus, body } = await healthResponse(db, { details: user !== null && can(user.role, "user:manage") });
  return NextResponse.json(body, { status: httpStatus, headers: { "cache-control": "no-store" } });
});
