/** GET handlers of the attendance exports, one per view and format (the route files only pick one). */
import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { idParam } from "@/lib/http/request-input";
import { parseReportFilter } from "@/lib/schemas/reports";
import { readableUnit } from "../report-views";
import { campaignExport, conferenceExport, unitExport } from "./report-exports";
import { exportResponse, type ExportFormat } from "./export-route";

const filterOf = (request: Request) => parseReportFilter(Object.fromEntries(new URL(request.url).searchParams));
const byId = z.object({ id: idParam });
/** A unit's code in the URL (a bad one is not found). */
const byCode = z.object({
  code: z
    .string()
    .transform((code) => decodeURIComponent(code))
    .pipe(z.string().regex(/^[A-Za-z0-9_-]{1,20}$/)),
});

/** GET /api/conferences/{id}/report.csv|.xlsx[?site=] */
export const conferenceAttendance = (format: ExportFormat) =>
  defineRoute({ permission: "report:read", params: byId }, async ({ params }, { user, request, t }) => {
    const filter = filterOf(request);
    return exportResponse(format, user, t, async (db, reader, tr) => await conferenceExport(db, reader, params.id, filter.site, tr));
  });

/** GET /api/units/{code}/report.csv|.xlsx?campaign=&from=&to=&body=&category= */
export const unitAttendance = (format: ExportFormat) =>
  defineRoute({ permission: "report:read", params: byCode }, async ({ params }, { user, request, t }) => {
    const f = filterOf(request);
    return exportResponse(
      format,
      user,
      t,
      async (db, reader, tr) =>
        await unitExport(db, reader, params.code, { campaignId: f.campaign, from: f.from, to: f.to, bodyId: f.body, category: f.category }, tr),
    );
  });

/** GET /api/campaigns/{id}/report.csv|.xlsx?from=&to=&unit=&body=&category= */
export const campaignAttendance = (format: ExportFormat) =>
  defineRoute({ permission: "report:read", params: byId }, async ({ params }, { user, request, t }) => {
    const f = filterOf(request);
    return exportResponse(format, user, t, async (db, reader, tr) => {
      const unit = f.unit ? await readableUnit(db, reader, f.unit) : null;
      if (f.unit && !unit) return null;
      return await campaignExport(db, reader, { campaignId: params.id, from: f.from, to: f.to, unitId: unit?.id, bodyId: f.body, category: f.category }, tr);
    });
  });
