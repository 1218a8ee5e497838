import { NextResponse } from "next/server";
import { invitationsCsv } from "@/lib/invitations/export-invitations";
import { loadExport } from "@/lib/invitations/export-route";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const data = await loadExport((await params).id);
  if ("response" in data) return data.response;
  return new NextResponse(invitationsCsv(data.rows, data.t, data.baseUrl), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="giay-moi-hoi-nghi-${data.conferenceId}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
