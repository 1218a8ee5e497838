/**
 * When the door is open for a conference: from OPEN_BEFORE minutes before the
 * start until CLOSE_AFTER minutes after the end. Scans outside it are `not_open`,
 * and door-staff accounts see a site only while it is open.
 * CHECKIN_OPEN_BEFORE_MINUTES and CHECKIN_CLOSE_AFTER_MINUTES override the defaults.
 */
const minutes = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 0 && value <= 24 * 60 ? value : fallback;
};

export const OPEN_BEFORE_MINUTES = minutes("CHECKIN_OPEN_BEFORE_MINUTES", 120);
export const CLOSE_AFTER_MINUTES = minutes("CHECKIN_CLOSE_AFTER_MINUTES", 60);

export function checkInWindow(conference: { startsAt: Date; endsAt: Date }) {
  return {
    opensAt: new Date(conference.startsAt.getTime() - OPEN_BEFORE_MINUTES * 60_000),
    closesAt: new Date(conference.endsAt.getTime() + CLOSE_AFTER_MINUTES * 60_000),
  };
}
