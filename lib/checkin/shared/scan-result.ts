/** What the door shows for a scan: the server's answer, or the device's own when offline. */
import type { ScanVerdict } from "@/lib/enums";
import type { ClosedReason, Decision } from "./verdict";

export interface Attendee {
  name: string;
  position: string;
  workplace: string;
  unitName: string;
  substituteName: string | null;
}

export interface ScanResult {
  verdict: ScanVerdict;
  /** The invitation the token belongs to (for the substitute and undo buttons). */
  invitationId?: number;
  attendee?: Attendee;
  checkIn?: { scannedAt: string; isLate: boolean };
  /** duplicate: the check-in that came first: when, on which device, at which site, by whom (the cadre's name, when known). */
  firstCheckIn?: { scannedAt: string; deviceId: string; siteVenue: string; scannerName?: string };
  /** wrong_site: where this invitation belongs. */
  expectedSite?: { id: number; venue: string };
  /**
   * wrong_conference: the conference the letter is for, when known (the server always; a device
   * offline when one of its site's invitees is invited to it): the titles are nearly all alike,
   * so its date, unit and site (the letter's site; "" offline when the conference has several).
   */
  otherConference?: { title: string; startsAt?: string; endsAt?: string; unitName?: string; venue?: string };
  /** not_open: when the door opens and closes, and why it is closed now. */
  window?: { opensAt: string; closesAt: string; reason?: ClosedReason };
}

/** The not_open window as the door reads it (ISO times and the reason): the server and the device alike. */
export function describeWindow(window: NonNullable<Decision["window"]>): NonNullable<ScanResult["window"]> {
  return { opensAt: new Date(window.opensAt).toISOString(), closesAt: new Date(window.closesAt).toISOString(), reason: window.reason };
}
