import { NextResponse } from "next/server";
import { db } from "@/db";
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

/** Public: tells a load balancer or an operator whether the app and its database answer. */
export function GET() {
  const health = checkHealth(db);
  return NextResponse.json(
    { status: health.ok ? "ok" : "error", database: health.database, time: new Date().toISOString() },
    { status: health.ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
