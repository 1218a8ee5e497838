/** What the door shows for a scan: the server's answer, or the device's own when offline. */
import type { ScanVerdict } from "@/db/schema";

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
  firstCheckIn?: { scannedAt: string; deviceId: string; siteVenue: string };
  /** wrong_site: where this invitation belongs. */
  expectedSite?: { id: number; venue: string };
  /** wrong_conference: the conference the letter is for (its title when known). */
  otherConference?: { title: string };
  /** not_open: when the door opens and closes. */
  window?: { opensAt: string; closesAt: string };
}
