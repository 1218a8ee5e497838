import { NextResponse } from "next/server";
import { invitationsXlsx } from "@/lib/invitations/export-invitations";
import { loadExport } from "@/lib/invitations/export-route";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const data = await loadExport((await params).id);
  if ("response" in data) return data.response;
  return new NextResponse(new Uint8Array(await invitationsXlsx(data.rows, data.t, data.baseUrl)), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="giay-moi-hoi-nghi-${data.conferenceId}.xlsx"`,
      "cache-control": "private, no-store",
    },
  });
}
