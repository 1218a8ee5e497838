import { NextResponse } from "next/server";
import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { notFound } from "@/lib/http/request-error";
import { idParam } from "@/lib/http/request-input";
import { invitationsCsv } from "@/lib/invitations/export-invitations";
import { loadExport } from "@/lib/invitations/export-route";

export const GET = defineRoute(
  { permission: "invitation:manage", params: z.object({ id: idParam }), refuse: { params: () => notFound("requestErrors.conferenceNotFound") } },
  async ({ params }, { user, t }) => {
    const data = await loadExport(user, params.id, t);
    return new NextResponse(invitationsCsv(data.rows, data.t, data.baseUrl), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="giay-moi-hoi-nghi-${data.conferenceId}.csv"`,
        "cache-control": "private, no-store",
      },
    });
  },
);
