/**
 * An attendance rate as every page, printed report and projector shows it (docs/decisions/0010, amendment on the rate format): one
 * decimal and the Vietnamese decimal comma, "94,9%" — never "94.9%", nor "94%" beside "93,8%".
 * "—" when there is nobody to divide by. Plain module: the browser's live counter uses it too.
 */
export function formatRate(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return "—";
  return `${(rate * 100).toLocaleString("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

/** The rate of a part of a whole ("present of invited"), formatted as above. */
export function formatRatio(part: number, whole: number): string {
  return formatRate(whole === 0 ? null : part / whole);
}
