import { zonedParts } from "./zone";

const WEEKDAYS_VI = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
const pad = (n: number) => String(n).padStart(2, "0");

/** The wording of official letters: "ngày 03 tháng 3 năm 2021" (Nghị định 30: month 1–2 with a leading zero). */
export function letterDate(instant: Date | number): string {
  const p = zonedParts(instant);
  return `ngày ${pad(p.day)} tháng ${p.month < 3 ? pad(p.month) : p.month} năm ${p.year}`;
}

/** "07 giờ 30 phút, Thứ Tư, ngày 03 tháng 3 năm 2021". */
export function letterDateTime(instant: Date | number): string {
  const p = zonedParts(instant);
  const weekday = WEEKDAYS_VI[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()];
  return `${pad(p.hour)} giờ ${pad(p.minute)} phút, ${weekday}, ${letterDate(instant)}`;
}
