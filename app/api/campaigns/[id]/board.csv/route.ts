import { NextResponse } from "next/server";
import { getTranslations } from "next-intl/server";
import { db } from "@/db";
import { requireApiUser } from "@/lib/auth/guards";
import { boardCsv } from "@/lib/board/board-csv";
import { getBoard } from "@/lib/board/get-board";
import { parseId } from "@/lib/http/request-input";

/** The progress board as CSV, limited to the caller's units like the page. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await requireApiUser("campaign:read");
  if (!auth.ok) return auth.response;
  const id = parseId((await params).id);
  const progress = id ? getBoard(db, auth.user, id) : null;
  if (!progress) return NextResponse.json({ error: "not_found", message: "Không tìm thấy đợt học tập" }, { status: 404 });
  const csv = boardCsv(progress, await getTranslations());
  return new NextResponse(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="tien-do-dot-hoc-tap-${progress.campaign.id}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
