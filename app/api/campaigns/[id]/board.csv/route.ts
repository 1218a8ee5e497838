import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db";
import { boardCsv } from "@/lib/board/board-csv";
import { getBoard } from "@/lib/board/get-board";
import { defineRoute } from "@/lib/http/define-route";
import { notFound } from "@/lib/http/request-error";
import { idParam } from "@/lib/http/request-input";

/** The progress board as CSV, limited to the caller's units like the page. */
export const GET = defineRoute(
  { permission: "campaign:read", params: z.object({ id: idParam }), refuse: { params: () => notFound("requestErrors.campaignNotFound") } },
  async ({ params }, { user, t }) => {
    const progress = await getBoard(db, user, params.id);
    if (!progress) throw notFound("requestErrors.campaignNotFound");
    return new NextResponse(boardCsv(progress, t), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="tien-do-dot-hoc-tap-${progress.campaign.id}.csv"`,
        "cache-control": "private, no-store",
      },
    });
  },
);
