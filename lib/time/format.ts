/**
 * Display formats, the same in every locale: dd/MM/yyyy and 24-hour HH:mm,
 * always in Asia/Ho_Chi_Minh.
 */
import { zonedParts } from "./zone";

const pad = (n: number) => String(n).padStart(2, "0");

export function formatDate(instant: Date | number): string {
  const p = zonedParts(instant);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

export function formatTime(instant: Date | number): string {
  const p = zonedParts(instant);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

export function formatDateTime(instant: Date | number): string {
  return `${formatTime(instant)} ${formatDate(instant)}`;
}

/** "07:30–17:00 03/03/2021", or across days "07:30 03/03/2021 – 11:30 04/03/2021". */
export function formatRange(start: Date | number, end: Date | number): string {
  if (formatDate(start) === formatDate(end)) {
    return `${formatTime(start)}–${formatTime(end)} ${formatDate(start)}`;
  }
  return `${formatDateTime(start)} – ${formatDateTime(end)}`;
}

/** A calendar date key "2021-03-31" as "31/03/2021". */
export function formatDateKey(dateKey: string): string {
  const [y, m, d] = dateKey.split("-");
  return `${d}/${m}/${y}`;
}
