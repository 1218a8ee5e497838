/**
 * What officials type into date and time fields, read the same way in every
 * browser (the native date picker follows the browser's language, not ours):
 * dates as dd/MM/yyyy (also d/M/yyyy, dd-MM-yyyy, dd.MM.yyyy, and ISO yyyy-MM-dd),
 * times as HH:mm on a 24-hour clock (also 7:30, 7h30, 07.30).
 */
const pad = (n: number) => String(n).padStart(2, "0");

/** "03/03/2021" → "2021-03-03"; null when it is not a real date. */
export function parseDateInput(input: string): string | null {
  const s = input.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** "7h30" → "07:30"; null when it is not a time of day. */
export function parseTimeInput(input: string): string | null {
  const match = /^(\d{1,2})(?:[:hH.](\d{2}))?$/.exec(input.trim());
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2] ?? "0");
  if (h > 23 || m > 59) return null;
  return `${pad(h)}:${pad(m)}`;
}

/** "2021-03-03" → "03/03/2021", for filling a form. */
export function formatDateInput(dateKey: string): string {
  const [y, m, d] = dateKey.split("-");
  return `${d}/${m}/${y}`;
}
