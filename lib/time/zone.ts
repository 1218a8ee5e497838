/**
 * Everything about time is shown and entered in Vietnam's zone, whatever the
 * server's own zone is (docs/decisions/0004-time-zone.md).
 */
export const APP_TIME_ZONE = "Asia/Ho_Chi_Minh";

const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: APP_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading in Vietnam at an instant. */
export function zonedParts(instant: Date | number): ZonedParts {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter.formatToParts(new Date(instant))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "2021-03-03": the calendar day in Vietnam at an instant. */
export function zonedDateKey(instant: Date | number): string {
  const p = zonedParts(instant);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * The instant of a wall-clock time in Vietnam: zonedInstant("2021-03-03", "07:30").
 * Computed through the zone database, not a fixed +07:00, so it stays right for
 * historical dates and for any future change of the zone's rules.
 */
export function zonedInstant(dateKey: string, time = "00:00"): Date {
  const [y, mo, d] = dateKey.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Offset of the zone at (approximately) that instant, then correct once.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(guess);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += asUtc - shown;
  }
  return new Date(guess);
}

/** Whole days from the Vietnamese day of `from` to the date key `to` (negative if past). */
export function daysUntil(to: string, from: Date | number = Date.now()): number {
  const a = Date.parse(`${zonedDateKey(from)}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}
