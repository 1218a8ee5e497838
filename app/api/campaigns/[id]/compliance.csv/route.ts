import { NextResponse } from "next/server";
import { getTranslations } from "next-intl/server";
import { db } from "@/db";
import { requireApiUser } from "@/lib/auth/guards";
import { complianceCsv } from "@/lib/campaigns/compliance-csv";
import { getCompliance } from "@/lib/campaigns/get-compliance";
import { parseId } from "@/lib/http/request-input";

/** The compliance board as CSV, limited to the caller's units like the page. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await requireApiUser("campaign:read");
  if (!auth.ok) return auth.response;
  const id = parseId((await params).id);
  const compliance = id ? getCompliance(db, auth.user, id) : null;
  if (!compliance) return NextResponse.json({ error: "not_found", message: "Không tìm thấy đợt học tập" }, { status: 404 });
  const csv = complianceCsv(compliance, await getTranslations());
  return new NextResponse(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="tien-do-dot-hoc-tap-${compliance.campaign.id}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
