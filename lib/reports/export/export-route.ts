/**
 * The attendance exports' route handlers share this: session and permission,
 * a read-only connection of their own for the streamed read (closed when the
 * download ends), the view's scope (null → 404), and the CSV or XLSX stream.
 */
import { NextResponse } from "next/server";
import { openReadOnlyDatabase, type Db } from "@/db/client";
import { requireApiUser, type SessionUser } from "@/lib/auth/guards";
import { getTranslator, type Translator } from "@/lib/i18n/translator";
import type { ExportPlan } from "./attendance-exports";
import { csvStream } from "./csv-stream";
import { xlsxStream } from "./xlsx-stream";

export type ExportFormat = "csv" | "xlsx";

const TYPES = { csv: "text/csv; charset=utf-8", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };

export async function exportResponse(format: ExportFormat, plan: (db: Db, user: SessionUser, t: Translator) => ExportPlan | null): Promise<Response> {
  const auth = await requireApiUser("report:read");
  if (!auth.ok) return auth.response;
  const t = await getTranslator();
  const db = openReadOnlyDatabase();
  let closed = false;
  const close = () => {
    if (!closed) {
      closed = true;
      db.$client.close();
    }
  };
  try {
    const built = plan(db, auth.user, t);
    if (!built) {
      close();
      return NextResponse.json({ error: "not_found", message: t("errors.notFoundText") }, { status: 404 });
    }
    const body = format === "csv" ? csvStream(built.csv, close) : xlsxStream(built.tables, close);
    return new Response(body, {
      headers: {
        "content-type": TYPES[format],
        "content-disposition": `attachment; filename="${built.filename}.${format}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    close();
    throw error;
  }
}
