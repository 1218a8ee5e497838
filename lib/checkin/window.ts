/**
 * When the door is open for a conference: from CHECKIN_OPEN_BEFORE_MINUTES (120) minutes before
 * the start until CHECKIN_CLOSE_AFTER_MINUTES (60) minutes after the end (lib/env.ts). Scans outside
 * it are `not_open`, and door-staff accounts see a site only while it is open.
 * Read when asked, not when the module loads: scripts/start.ts loads the .env files first.
 */
import { env } from "@/lib/env";

export const openBeforeMinutes = () => env().CHECKIN_OPEN_BEFORE_MINUTES;
export const closeAfterMinutes = () => env().CHECKIN_CLOSE_AFTER_MINUTES;

export function checkInWindow(conference: { startsAt: Date; endsAt: Date }) {
  return {
    opensAt: new Date(conference.startsAt.getTime() - openBeforeMinutes() * 60_000),
    closesAt: new Date(conference.endsAt.getTime() + closeAfterMinutes() * 60_000),
  };
}
