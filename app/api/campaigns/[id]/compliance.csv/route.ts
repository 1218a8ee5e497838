import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db";
import { complianceCsv } from "@/lib/campaigns/compliance-csv";
import { getCompliance } from "@/lib/campaigns/get-compliance";
import { defineRoute } from "@/lib/http/define-route";
import { notFound } from "@/lib/http/request-error";
import { idParam } from "@/lib/http/request-input";

/** The compliance board as CSV, limited to the caller's units like the page. */
export const GET = defineRoute(
  { permission: "campaign:read", params: z.object({ id: idParam }), refuse: { params: () => notFound("requestErrors.campaignNotFound") } },
  async ({ params }, { user, t }) => {
    const compliance = getCompliance(db, user, params.id);
    if (!compliance) throw notFound("requestErrors.campaignNotFound");
    return new NextResponse(complianceCsv(compliance, t), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="tien-do-dot-hoc-tap-${compliance.campaign.id}.csv"`,
        "cache-control": "private, no-store",
      },
    });
  },
);
