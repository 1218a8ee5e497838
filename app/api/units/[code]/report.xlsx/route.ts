import { unitAttendance } from "@/lib/reports/export/export-handlers";

export const GET = unitAttendance("xlsx");
