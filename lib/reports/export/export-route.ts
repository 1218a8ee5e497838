/**
 * The attendance exports' route handlers share this: a connection of their own for
 * the streamed read (closed when the download ends), the view's scope (null → 404), and the CSV
 * or XLSX stream. Session and permission come first, from defineRoute (export-handlers.ts).
 */
import { closeDatabase, openExportReader, type Db } from "@/db/client";
import type { SessionUser } from "@/lib/auth/guards";
import { notFound } from "@/lib/http/request-error";
import type { Translator } from "@/lib/i18n/translator";
import type { ExportPlan } from "./report-exports";
import { csvStream } from "./csv-stream";
import { xlsxStream } from "./xlsx-stream";

export type ExportFormat = "csv" | "xlsx";

const TYPES = { csv: "text/csv; charset=utf-8", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };

export async function exportResponse(
  format: ExportFormat,
  user: SessionUser,
  t: Translator,
  plan: (db: Db, user: SessionUser, t: Translator) => Promise<ExportPlan | null>,
): Promise<Response> {
  const db = openExportReader();
  let closed = false;
  const close = () => {
    if (!closed) {
      closed = true;
      void closeDatabase(db);
    }
  };
  try {
    const built = await plan(db, user, t);
    if (!built) throw notFound();
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
