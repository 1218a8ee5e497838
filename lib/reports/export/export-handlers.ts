/** GET handlers of the attendance exports, one per view and format (the route files only pick one). */
import { NextResponse } from "next/server";
import { parseId } from "@/lib/http/request-input";
import { parseReportFilter } from "@/lib/schemas/reports";
import { readableUnit } from "../report-views";
import { campaignExport, conferenceExport, unitExport } from "./attendance-exports";
import { exportResponse, type ExportFormat } from "./export-route";

type Context<P> = { params: Promise<P> };
const filterOf = (request: Request) => parseReportFilter(Object.fromEntries(new URL(request.url).searchParams));
const notFound = () => NextResponse.json({ error: "not_found", message: "Không tìm thấy hoặc bạn không có quyền xem." }, { status: 404 });

/** GET /api/conferences/{id}/attendance.csv|.xlsx[?site=] */
export const conferenceAttendance =
  (format: ExportFormat) =>
  async (request: Request, { params }: Context<{ id: string }>) => {
    const id = parseId((await params).id);
    if (!id) return notFound();
    const filter = filterOf(request);
    return exportResponse(format, (db, user, t) => conferenceExport(db, user, id, filter.site, t));
  };

/** GET /api/units/{code}/attendance.csv|.xlsx?campaign=&from=&to=&body=&category= */
export const unitAttendance =
  (format: ExportFormat) =>
  async (request: Request, { params }: Context<{ code: string }>) => {
    const code = decodeURIComponent((await params).code);
    if (!/^[A-Za-z0-9_-]{1,20}$/.test(code)) return notFound();
    const f = filterOf(request);
    return exportResponse(format, (db, user, t) =>
      unitExport(db, user, code, { campaignId: f.campaign, from: f.from, to: f.to, bodyId: f.body, category: f.category }, t),
    );
  };

/** GET /api/campaigns/{id}/attendance.csv|.xlsx?from=&to=&unit=&body=&category= */
export const campaignAttendance =
  (format: ExportFormat) =>
  async (request: Request, { params }: Context<{ id: string }>) => {
    const id = parseId((await params).id);
    if (!id) return notFound();
    const f = filterOf(request);
    return exportResponse(format, (db, user, t) => {
      const unit = f.unit ? readableUnit(db, user, f.unit) : null;
      if (f.unit && !unit) return null;
      return campaignExport(db, user, { campaignId: id, from: f.from, to: f.to, unitId: unit?.id, bodyId: f.body, category: f.category }, t);
    });
  };
