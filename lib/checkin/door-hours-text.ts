/**
 * "Mở điểm danh 05:30–18:00 ngày 02/12/2026" (or across two days), in the user's language:
 * the door hours as the home page, /scan, the door page and the login page say them.
 * Browser-safe (the verdict panel uses it too).
 */
import { formatDate, formatTime } from "@/lib/time/format";

type DoorT = (key: "hoursSameDay" | "hoursTwoDays", values: Record<string, string>) => string;

export function doorHoursText(t: DoorT, opensAt: Date | number, closesAt: Date | number): string {
  return formatDate(opensAt) === formatDate(closesAt)
    ? t("hoursSameDay", { from: formatTime(opensAt), to: formatTime(closesAt), date: formatDate(opensAt) })
    : t("hoursTwoDays", { from: formatTime(opensAt), fromDate: formatDate(opensAt), to: formatTime(closesAt), toDate: formatDate(closesAt) });
}
