import { campaignAttendance } from "@/lib/reports/export/export-handlers";

export const GET = campaignAttendance("csv");
