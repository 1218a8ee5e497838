/**
 * What the essays import shows in the browser (plain values and types: the client island imports
 * them, so nothing here may reach the database).
 */
export const ESSAY_IMPORT_STATUSES = ["new", "already", "notAttendee", "notFound", "ambiguous", "duplicate", "badDate"] as const;
export type EssayImportStatus = (typeof ESSAY_IMPORT_STATUSES)[number];

export interface EssayImportLine {
  line: number;
  /** What the line says, as typed (its non-empty cells). */
  text: string;
  status: EssayImportStatus;
  invitationId?: number;
  name?: string;
  unitName?: string;
  /** new: the day it will be recorded; already: the day on record. */
  submittedOn?: string;
  /** ambiguous: how many fit. */
  candidates?: number;
  /** badDate: why. */
  dateProblem?: "format" | "beforeConference" | "future";
}

export interface EssayImportState {
  ok: boolean;
  message?: string;
  at?: number;
  /** The preview: every line of the list, matched or not, and the count of each status. */
  lines?: EssayImportLine[];
  counts?: Record<EssayImportStatus, number>;
}

export const initialEssayImportState: EssayImportState = { ok: false };
