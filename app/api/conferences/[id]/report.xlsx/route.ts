import { conferenceAttendance } from "@/lib/reports/export/export-handlers";

export const GET = conferenceAttendance("xlsx");
