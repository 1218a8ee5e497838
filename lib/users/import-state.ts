/**
 * What the bulk account import shows (types only: the client island imports
 * them, so nothing here may reach the database).
 */

/** One line of the list as checked: its errors are translated messages, empty when it will be created. */
export interface UserImportPreviewLine {
  line: number;
  username: string;
  fullName: string;
  role: string;
  unit: string;
  body: string;
  sites: string;
  errors: string[];
}

/** A created account with its one-time password: shown once, never stored in clear. */
export interface CreatedAccount {
  username: string;
  fullName: string;
  role: string;
  unitName: string;
  bodyName: string | null;
  password: string;
}

export interface UsersImportState {
  ok: boolean;
  message?: string;
  at?: number;
  batchId?: number;
  filename?: string;
  preview?: UserImportPreviewLine[];
  valid?: number;
  invalid?: number;
  created?: CreatedAccount[];
  skipped?: number;
}

export const initialUsersImportState: UsersImportState = { ok: false };
