/**
 * The closed vocabularies of the domain: roles, statuses, verdicts, forms. One neutral module that
 * the schema (for its CHECK constraints) and the browser (forms, labels) both import, so that a
 * client component never pulls drizzle and the table definitions into its bundle (docs/decisions/0027).
 */
export const ROLES = ["admin", "organizer", "scanner", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/**
 * The body kinds of the 2021 demo. Kinds are data (table `body_kinds`, edited by
 * an admin); this list only names the rows the demo and its tests rely on.
 */
export const DEMO_BODY_KINDS = ["standing_committee", "propaganda", "labour_federation", "education_office", "other"] as const;
export type DemoBodyKind = (typeof DEMO_BODY_KINDS)[number];

export const IMPORT_KINDS = ["people", "units", "users"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const CONFERENCE_STATUSES = ["draft", "scheduled", "in_progress", "held", "cancelled"] as const;
export type ConferenceStatus = (typeof CONFERENCE_STATUSES)[number];

export const INVITATION_STATUSES = ["draft", "issued", "revoked"] as const;
export const INVITATION_KINDS = ["invited", "walk_in"] as const;

export const CHECK_IN_METHODS = ["camera", "hardware", "manual", "walk_in"] as const;

export const SCAN_VERDICTS = ["ok", "duplicate", "wrong_conference", "wrong_site", "revoked", "unknown", "bad_signature", "not_open"] as const;
export type ScanVerdict = (typeof SCAN_VERDICTS)[number];

/**
 * The authority form above a signature (Hướng dẫn 36-HD/VPTW): "" when the head signs in their own name,
 * T/M for a collective body (the Standing Committee), K/T for a deputy, T/L on the head's instructions.
 */
export const SIGN_FORMS = ["", "T/M", "K/T", "T/L"] as const;

export const ABSENCE_REASONS = ["illness", "business_trip", "family", "maternity", "on_duty", "other"] as const;
export type AbsenceReason = (typeof ABSENCE_REASONS)[number];
