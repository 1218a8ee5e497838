/**
 * The whole data model on SQLite, one file (docs/decisions/0001-two-database-engines.md); db/schema-pg.ts is its
 * PostgreSQL twin and db/schema.ts gives the app the engine's own (decision 0037).
 *
 * Times are stored as integer milliseconds since the epoch (UTC) and shown in
 * Asia/Ho_Chi_Minh by lib/time; calendar dates with no time (a deadline) are
 * ISO text "YYYY-MM-DD". Enumerations are text columns with CHECK constraints,
 * so that a new kind needs a migration, not a silent typo.
 */
import { relations, sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";

import {
  ROLES,
  DEMO_BODY_KINDS,
  IMPORT_KINDS,
  CONFERENCE_STATUSES,
  INVITATION_STATUSES,
  INVITATION_KINDS,
  CHECK_IN_METHODS,
  SCAN_VERDICTS,
  SIGN_FORMS,
  ABSENCE_REASONS,
} from "@/lib/enums";

// Re-exported: server code keeps importing the vocabularies with the tables.
export {
  ROLES,
  DEMO_BODY_KINDS,
  IMPORT_KINDS,
  CONFERENCE_STATUSES,
  INVITATION_STATUSES,
  INVITATION_KINDS,
  CHECK_IN_METHODS,
  SCAN_VERDICTS,
  SIGN_FORMS,
  ABSENCE_REASONS,
};
export type { Role, DemoBodyKind, ImportKind, ConferenceStatus, ScanVerdict, AbsenceReason } from "@/lib/enums";

const inList = (column: AnySQLiteColumn, values: readonly string[]) => sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(", "))})`;

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

// ---------------------------------------------------------------------------
// Organisation: kinds (data an admin edits), units and their organising bodies

/** Kinds of unit: tinh, huyen, xa, phuong, dac_khu, dang_bo_truc_thuoc… Campaign requirements are keyed by them. */
export const unitKinds = sqliteTable("unit_kinds", {
  /** Stable key (ASCII, snake_case): what requirements and imports name. */
  key: text("key").primaryKey(),
  /** Vietnamese label: "Xã", "Đặc khu", "Đảng bộ trực thuộc Tỉnh ủy". */
  label: text("label").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
});

/** Kinds of organising body: Ban Thường vụ, Ban Tuyên giáo và Dân vận, Ủy ban MTTQ… */
export const bodyKinds = sqliteTable("body_kinds", {
  key: text("key").primaryKey(),
  label: text("label").notNull(),
  /** Whether a campaign requirement may name this kind (as organiser or co-organiser). */
  requirable: integer("requirable", { mode: "boolean" }).notNull().default(true),
  /** Colour of its conferences on the calendar, "#rrggbb". */
  colour: text("colour").notNull().default("#5b6474"),
  sortOrder: integer("sort_order").notNull().default(0),
});

export const units = sqliteTable(
  "units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Administrative code (522 = TP Quảng Ngãi) or a short code for Party organisations. */
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** e.g. tinh, thanh_pho, thi_xa, huyen, xa, dang_bo_truc_thuoc — requirements are keyed by it. */
    kind: text("kind")
      .notNull()
      .references(() => unitKinds.key),
    /** Place name used in letter headings: "Quảng Ngãi", "Ba Tơ". */
    placeName: text("place_name").notNull(),
    parentId: integer("parent_id").references((): AnySQLiteColumn => units.id),
    sortOrder: integer("sort_order").notNull().default(0),
    /** Retired units are kept for history (old conferences and reports show them) and take no new conferences. */
    retiredAt: integer("retired_at", { mode: "timestamp_ms" }),
    /** Set when the unit was merged into another (the 2025 reform): its data moved there. */
    mergedIntoId: integer("merged_into_id").references((): AnySQLiteColumn => units.id),
  },
  (t) => [uniqueIndex("units_code_unique").on(t.code), index("units_parent_idx").on(t.parentId)],
);

export const bodies = sqliteTable(
  "bodies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    kind: text("kind")
      .notNull()
      .references(() => bodyKinds.key),
    name: text("name").notNull(),
    /** Symbol used in document numbers: "HU", "BTGTU", "LĐLĐ"… */
    symbol: text("symbol").notNull(),
    /** The directly superior body, first line of the letter heading: "TỈNH ỦY QUẢNG NGÃI", "HUYỆN ỦY BA TƠ". */
    parentLine: text("parent_line").notNull().default(""),
    /**
     * The issuing body's line of the letter heading, in capitals: "BAN TUYÊN GIÁO" under "TỈNH ỦY QUẢNG NGÃI",
     * "TỈNH ỦY QUẢNG NGÃI" for the Standing Committee. Empty: derived from the name (lib/letters/letter-heading.ts).
     */
    headingName: text("heading_name").notNull().default(""),
    /** The default signature block of its letters: authority form, on whose behalf, signer's title and full name. */
    signForm: text("sign_form", { enum: SIGN_FORMS }).notNull().default(""),
    signFor: text("sign_for").notNull().default(""),
    signerTitle: text("signer_title").notNull().default(""),
    signerName: text("signer_name").notNull().default(""),
    /** Retired bodies are kept for history and organise no new conferences. */
    retiredAt: integer("retired_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("bodies_unit_name_unique").on(t.unitId, t.name),
    index("bodies_unit_kind_idx").on(t.unitId, t.kind),
    check("bodies_sign_form_check", inList(t.signForm, SIGN_FORMS)),
  ],
);

/**
 * The usual bodies of a kind of unit, created for a new unit in one click.
 * Patterns may hold {unitName} ("Xã Ba Tơ") and {placeName} ("Ba Tơ").
 */
export const bodyTemplates = sqliteTable(
  "body_templates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    unitKind: text("unit_kind")
      .notNull()
      .references(() => unitKinds.key, { onDelete: "cascade" }),
    bodyKind: text("body_kind")
      .notNull()
      .references(() => bodyKinds.key, { onDelete: "cascade" }),
    namePattern: text("name_pattern").notNull(),
    symbol: text("symbol").notNull(),
    parentLinePattern: text("parent_line_pattern").notNull().default(""),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [uniqueIndex("body_templates_unique").on(t.unitKind, t.namePattern)],
);

// ---------------------------------------------------------------------------
// Users and access

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    username: text("username").notNull(),
    passwordHash: text("password_hash").notNull(),
    fullName: text("full_name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    bodyId: integer("body_id").references(() => bodies.id),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    /** Bumped on password change, reset or disable: older sessions stop working. */
    sessionVersion: integer("session_version").notNull().default(1),
    /** Set for accounts created with a generated one-time password: the first sign-in must change it. */
    mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(false),
    /** The campaign the user chose to work on (home, board, forms); null: none chosen yet. */
    currentCampaignId: integer("current_campaign_id").references((): AnySQLiteColumn => campaigns.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("users_username_unique").on(t.username),
    check("users_role_check", inList(t.role, ROLES)),
    check("users_organizer_body_check", sql`${t.role} <> 'organizer' or ${t.bodyId} is not null`),
  ],
);

/**
 * Failed sign-ins, for the throttle across several server processes
 * (docs/decisions/0014-sign-in-throttle.md). A success deletes the username's rows.
 */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    username: text("username").notNull(),
    /** The client's real address, or null when it is not known (behind a proxy without TRUST_PROXY). */
    address: text("address"),
    attemptedAt: integer("attempted_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("login_attempts_username_idx").on(t.username, t.attemptedAt), index("login_attempts_address_idx").on(t.address, t.attemptedAt)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id").references(() => users.id),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("audit_log_entity_idx").on(t.entity, t.entityId), index("audit_log_at_idx").on(t.at)],
);

/** Small key/value facts about this installation (e.g. whether demo data is in use). */
export const appSettings = sqliteTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

// ---------------------------------------------------------------------------
// Campaigns and what they require

export const campaigns = sqliteTable(
  "campaigns",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    /** The resolution being studied. */
    resolution: text("resolution").notNull(),
    startDate: text("start_date").notNull(),
    deadline: text("deadline").notNull(),
    /** The Party committee's term (nhiệm kỳ), e.g. "2020-2025": letter numbers restart with each term. */
    term: text("term").notNull().default(""),
    /** Ed25519 key pair for invitation QR tokens (private key never leaves the server): the key that signs now. */
    signingPublicKey: text("signing_public_key"),
    signingPrivateKey: text("signing_private_key"),
    /** Archived campaigns are kept for reports but leave the campaign selector and the forms. */
    archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [check("campaigns_dates_check", sql`${t.deadline} >= ${t.startDate}`)],
);

/**
 * Public keys a campaign signed with before its key was rotated. Tokens signed
 * with one stay valid (until their letter is reissued) unless the key is revoked.
 */
export const campaignRetiredKeys = sqliteTable(
  "campaign_retired_keys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    publicKey: text("public_key").notNull(),
    retiredAt: integer("retired_at", { mode: "timestamp_ms" }).notNull(),
    /** Set when tokens signed with this key must no longer be accepted (a compromised key). */
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("campaign_retired_keys_campaign_idx").on(t.campaignId)],
);

/** "Every unit of kind X must hold a conference organised by body kind Y before the deadline." */
export const campaignRequirements = sqliteTable(
  "campaign_requirements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    unitKind: text("unit_kind")
      .notNull()
      .references(() => unitKinds.key),
    bodyKind: text("body_kind")
      .notNull()
      .references(() => bodyKinds.key),
    /** JSON array of co-organiser body kinds, e.g. ["labour_federation"]. */
    coBodyKinds: text("co_body_kinds", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    title: text("title").notNull(),
    /** Own due date if earlier than the campaign deadline. */
    dueDate: text("due_date"),
    /** "1 ngày", "1 buổi". */
    duration: text("duration"),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [
    uniqueIndex("campaign_requirements_unique").on(t.campaignId, t.unitKind, t.bodyKind, t.title),
    index("campaign_requirements_kind_idx").on(t.campaignId, t.unitKind),
  ],
);

// ---------------------------------------------------------------------------
// Conferences and their sites

export const conferences = sqliteTable(
  "conferences",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    bodyId: integer("body_id")
      .notNull()
      .references(() => bodies.id),
    requirementId: integer("requirement_id").references(() => campaignRequirements.id),
    /** The unit that held it, when that unit was later merged into `unitId` (history survives merges). */
    formerUnitId: integer("former_unit_id").references(() => units.id),
    title: text("title").notNull(),
    agenda: text("agenda").notNull().default(""),
    audience: text("audience").notNull().default(""),
    chair: text("chair").notNull().default(""),
    /** Who to call about the conference: printed on the letters. */
    contact: text("contact").notNull().default(""),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    status: text("status", { enum: CONFERENCE_STATUSES }).notNull().default("draft"),
    cancelReason: text("cancel_reason"),
    graceMinutes: integer("grace_minutes").notNull().default(15),
    /** The letters' signature block for this conference; null: the organising body's default (field by field). */
    signForm: text("sign_form", { enum: SIGN_FORMS }),
    signFor: text("sign_for"),
    signerTitle: text("signer_title"),
    signerName: text("signer_name"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("conferences_campaign_unit_idx").on(t.campaignId, t.unitId),
    index("conferences_body_idx").on(t.bodyId),
    index("conferences_starts_idx").on(t.startsAt),
    index("conferences_requirement_idx").on(t.requirementId, t.unitId),
    /** One requirement is fulfilled by at most one (not cancelled) conference per unit (per unit that held it, across merges). */
    uniqueIndex("conferences_requirement_unit_unique")
      .on(t.requirementId, sql`coalesce(${t.formerUnitId}, ${t.unitId})`)
      .where(sql`${t.requirementId} is not null and ${t.status} <> 'cancelled'`),
    check("conferences_time_check", sql`${t.endsAt} > ${t.startsAt}`),
    check("conferences_status_check", inList(t.status, CONFERENCE_STATUSES)),
    check("conferences_grace_check", sql`${t.graceMinutes} between 0 and 240`),
    check("conferences_sign_form_check", sql`${t.signForm} is null or ${inList(t.signForm, SIGN_FORMS)}`),
    check("conferences_cancel_check", sql`${t.status} <> 'cancelled' or ${t.cancelReason} is not null`),
  ],
);

export const conferenceCoBodies = sqliteTable(
  "conference_co_bodies",
  {
    conferenceId: integer("conference_id")
      .notNull()
      .references(() => conferences.id, { onDelete: "cascade" }),
    bodyId: integer("body_id")
      .notNull()
      .references(() => bodies.id),
  },
  (t) => [primaryKey({ columns: [t.conferenceId, t.bodyId] })],
);

/** A conference happens at one main site and any number of bridge points (điểm cầu). */
export const sites = sqliteTable(
  "sites",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    conferenceId: integer("conference_id")
      .notNull()
      .references(() => conferences.id, { onDelete: "cascade" }),
    /** The unit a bridge point belongs to (a district hall of a provincial conference). */
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    isMain: integer("is_main", { mode: "boolean" }).notNull().default(false),
    venue: text("venue").notNull(),
    address: text("address").notNull().default(""),
    capacity: integer("capacity"),
  },
  (t) => [
    index("sites_conference_idx").on(t.conferenceId),
    index("sites_venue_idx").on(t.venue),
    uniqueIndex("sites_one_main_unique")
      .on(t.conferenceId)
      .where(sql`${t.isMain} = 1`),
    check("sites_capacity_check", sql`${t.capacity} is null or ${t.capacity} > 0`),
  ],
);

/** Door staff (scanner accounts) assigned to a site. */
export const siteStaff = sqliteTable(
  "site_staff",
  {
    siteId: integer("site_id")
      .notNull()
      .references(() => sites.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.userId] }), index("site_staff_user_idx").on(t.userId)],
);

// ---------------------------------------------------------------------------
// People, invitations, attendance

export const people = sqliteTable(
  "people",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fullName: text("full_name").notNull(),
    /** Lower-case, diacritics removed (lib/text/fold.ts): what search matches against. */
    searchName: text("search_name").notNull(),
    position: text("position").notNull().default(""),
    workplace: text("workplace").notNull().default(""),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    isPartyMember: integer("is_party_member", { mode: "boolean" }).notNull().default(true),
    /** Attendee category (thành phần): can_bo_chu_chot, bao_cao_vien, doan_vien, giao_vien… */
    category: text("category").notNull().default(""),
    phone: text("phone"),
    email: text("email"),
    /** An identifier from the source list, for de-duplication on import. */
    externalCode: text("external_code"),
    /** Merged into another record (hidden from lists and search; person_merges can undo it). */
    mergedIntoId: integer("merged_into_id").references((): AnySQLiteColumn => people.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("people_unit_idx").on(t.unitId),
    index("people_search_idx").on(t.searchName),
    index("people_phone_idx").on(t.phone),
    uniqueIndex("people_external_code_unique").on(t.externalCode),
  ],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    conferenceId: integer("conference_id")
      .notNull()
      .references(() => conferences.id, { onDelete: "cascade" }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    /** The organising body that issues the letter. */
    bodyId: integer("body_id")
      .notNull()
      .references(() => bodies.id),
    siteId: integer("site_id")
      .notNull()
      .references(() => sites.id),
    kind: text("kind", { enum: INVITATION_KINDS }).notNull().default("invited"),
    status: text("status", { enum: INVITATION_STATUSES }).notNull().default("draft"),
    /** "15-GM/HU" */
    letterNumber: text("letter_number"),
    tokenVersion: integer("token_version").notNull().default(1),
    /** The QR token (Base32). Unique; null until issued. */
    token: text("token"),
    substituteName: text("substitute_name"),
    substitutePosition: text("substitute_position"),
    /**
     * The invitee's Party membership and category (thành phần), copied from people by SQLite
     * triggers (migration 0006) so that attendance reports read one covering index
     * (docs/decisions/0010-attendance-reports.md). Never written by the application.
     */
    attendeePartyMember: integer("attendee_party_member", { mode: "boolean" }).notNull().default(true),
    attendeeCategory: text("attendee_category").notNull().default(""),
    issuedAt: integer("issued_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    /** Why the letter was revoked (shown on the list, in the audit log); who did it. */
    revokeReason: text("revoke_reason"),
    revokedBy: integer("revoked_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invitations_conference_person_unique").on(t.conferenceId, t.personId),
    uniqueIndex("invitations_token_unique").on(t.token),
    index("invitations_site_idx").on(t.siteId),
    index("invitations_person_idx").on(t.personId),
    index("invitations_report_idx").on(t.conferenceId, t.kind, t.status, t.attendeePartyMember, t.attendeeCategory, t.substituteName),
    check("invitations_status_check", inList(t.status, INVITATION_STATUSES)),
    check("invitations_kind_check", inList(t.kind, INVITATION_KINDS)),
  ],
);

/**
 * Bài thu hoạch: an attendee handed in their reflection essay. One row per invitation that
 * submitted (no row: not yet); the date is the day it was handed in (yyyy-MM-dd, local).
 */
export const reflectionEssays = sqliteTable(
  "reflection_essays",
  {
    invitationId: integer("invitation_id")
      .primaryKey()
      .references(() => invitations.id, { onDelete: "cascade" }),
    conferenceId: integer("conference_id")
      .notNull()
      .references(() => conferences.id, { onDelete: "cascade" }),
    submittedOn: text("submitted_on").notNull(),
    recordedBy: integer("recorded_by").references(() => users.id),
    recordedAt: integer("recorded_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),
  },
  (t) => [
    index("reflection_essays_conference_idx").on(t.conferenceId),
    check("reflection_essays_date_check", sql`${t.submittedOn} glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`),
  ],
);

/**
 * The attendance figures of each conference, per Party membership and category, kept by the database in the
 * transaction of every change to an invitation, a check-in or an absence (triggers: SQLite's migration 0012,
 * PostgreSQL's 0005; docs/decisions/0039-attendance-tally.md). The roll-ups read these rows instead of counting
 * every invitation at each request. The application never writes them; lib/reports/attendance-tallies.ts
 * recounts them from the rows, the same figures by today's query, for the tests and the checks.
 * No foreign key: a conference's rows fall to zero when its invitations go, and are only read by conference.
 */
export const attendanceTallies = sqliteTable(
  "attendance_tallies",
  {
    conferenceId: integer("conference_id").notNull(),
    partyMember: integer("party_member", { mode: "boolean" }).notNull(),
    category: text("category").notNull(),
    invited: integer("invited").notNull().default(0),
    present: integer("present").notNull().default(0),
    late: integer("late").notNull().default(0),
    substitutes: integer("substitutes").notNull().default(0),
    excused: integer("excused").notNull().default(0),
    madeUp: integer("made_up").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.conferenceId, t.partyMember, t.category] })],
);

/**
 * A merge of two people's records, kept so that it can be undone: which invitations moved to the
 * kept record and which clashing ones (same conference, nobody checked in) were revoked.
 */
export const personMerges = sqliteTable(
  "person_merges",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    keptPersonId: integer("kept_person_id")
      .notNull()
      .references(() => people.id),
    mergedPersonId: integer("merged_person_id")
      .notNull()
      .references(() => people.id),
    movedInvitationIds: text("moved_invitation_ids", { mode: "json" })
      .$type<number[]>()
      .notNull()
      .default(sql`'[]'`),
    revokedInvitationIds: text("revoked_invitation_ids", { mode: "json" })
      .$type<number[]>()
      .notNull()
      .default(sql`'[]'`),
    mergedBy: integer("merged_by").references(() => users.id),
    mergedAt: integer("merged_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),
    undoneBy: integer("undone_by").references(() => users.id),
    undoneAt: integer("undone_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("person_merges_kept_idx").on(t.keptPersonId), index("person_merges_merged_idx").on(t.mergedPersonId)],
);

/** At most one check-in per invitation: the first accepted scan wins. */
export const checkIns = sqliteTable(
  "check_ins",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    invitationId: integer("invitation_id")
      .notNull()
      .references(() => invitations.id, { onDelete: "cascade" }),
    conferenceId: integer("conference_id")
      .notNull()
      .references(() => conferences.id, { onDelete: "cascade" }),
    siteId: integer("site_id")
      .notNull()
      .references(() => sites.id),
    /** Time on the door device. */
    scannedAt: integer("scanned_at", { mode: "timestamp_ms" }).notNull(),
    /** Time the server received it. */
    receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
    scannerUserId: integer("scanner_user_id").references(() => users.id),
    deviceId: text("device_id").notNull().default(""),
    method: text("method", { enum: CHECK_IN_METHODS }).notNull(),
    isLate: integer("is_late", { mode: "boolean" }).notNull().default(false),
    wasOffline: integer("was_offline", { mode: "boolean" }).notNull().default(false),
    nonce: text("nonce"),
  },
  (t) => [
    uniqueIndex("check_ins_invitation_unique").on(t.invitationId),
    uniqueIndex("check_ins_nonce_unique").on(t.nonce),
    index("check_ins_conference_site_idx").on(t.conferenceId, t.siteId, t.scannedAt),
    /** Covers the attendance roll-up's join (lib/reports). */
    index("check_ins_report_idx").on(t.invitationId, t.isLate),
    check("check_ins_method_check", inList(t.method, CHECK_IN_METHODS)),
  ],
);

/** Every scan attempt, accepted or not. Never deleted: it is the audit trail of the door. */
export const scanLog = sqliteTable(
  "scan_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    nonce: text("nonce").notNull(),
    /** The scanned text, cut to 200 characters. */
    token: text("token").notNull(),
    invitationId: integer("invitation_id").references(() => invitations.id, { onDelete: "set null" }),
    conferenceId: integer("conference_id").references(() => conferences.id, { onDelete: "set null" }),
    siteId: integer("site_id").references(() => sites.id, { onDelete: "set null" }),
    verdict: text("verdict", { enum: SCAN_VERDICTS }).notNull(),
    method: text("method", { enum: CHECK_IN_METHODS }).notNull(),
    deviceId: text("device_id").notNull().default(""),
    userId: integer("user_id").references(() => users.id),
    scannedAt: integer("scanned_at", { mode: "timestamp_ms" }).notNull(),
    receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
    wasOffline: integer("was_offline", { mode: "boolean" }).notNull().default(false),
    /** duplicate: the check-in that came first, by device time (its device and time), kept with this scan's own. */
    firstDeviceId: text("first_device_id"),
    firstScannedAt: integer("first_scanned_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("scan_log_nonce_unique").on(t.nonce),
    index("scan_log_conference_idx").on(t.conferenceId, t.receivedAt),
    index("scan_log_invitation_idx").on(t.invitationId),
    /** The flood guard counts a device's scans of the last second (lib/checkin/device-rate-limit.ts). */
    index("scan_log_device_idx").on(t.deviceId, t.receivedAt),
    check("scan_log_verdict_check", inList(t.verdict, SCAN_VERDICTS)),
  ],
);

/** Excused absence (vắng có lý do) and, later, the make-up session (học bù) it needed. */
export const absences = sqliteTable(
  "absences",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    invitationId: integer("invitation_id")
      .notNull()
      .references(() => invitations.id, { onDelete: "cascade" }),
    /** Why (vắng có lý do); null: absent without a reason (vắng không lý do), kept for a make-up session. */
    reason: text("reason"),
    note: text("note").notNull().default(""),
    recordedBy: integer("recorded_by").references(() => users.id),
    recordedAt: integer("recorded_at", { mode: "timestamp_ms" }).notNull(),
    makeUpAttendedAt: integer("make_up_attended_at", { mode: "timestamp_ms" }),
    makeUpNote: text("make_up_note"),
  },
  (t) => [uniqueIndex("absences_invitation_unique").on(t.invitationId), check("absences_reason_check", inList(t.reason, ABSENCE_REASONS))],
);

/** The last letter number a body used in a term ("15" of "Số 15-GM/HU"). */
export const letterSequences = sqliteTable(
  "letter_sequences",
  {
    bodyId: integer("body_id")
      .notNull()
      .references(() => bodies.id, { onDelete: "cascade" }),
    term: text("term").notNull(),
    lastNumber: integer("last_number").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bodyId, t.term] })],
);

/** An uploaded list waiting for the user to check the preview and confirm the import. */
export const importBatches = sqliteTable(
  "import_batches",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** What the list holds: people (into `unitId`), units or user accounts (under `unitId`). */
    kind: text("kind", { enum: IMPORT_KINDS }).notNull().default("people"),
    /** The unit the people are imported into; for units and users, the unit the list is imported under. */
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    filename: text("filename").notNull(),
    headers: text("headers", { mode: "json" }).$type<string[]>().notNull(),
    rows: text("rows", { mode: "json" }).$type<string[][]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("import_batches_user_idx").on(t.userId), check("import_batches_kind_check", inList(t.kind, IMPORT_KINDS))],
);

/** A secret, revocable calendar-feed URL for one unit's schedule (phone calendars subscribe to it). */
export const unitFeeds = sqliteTable(
  "unit_feeds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    /** 32 random bytes, base32: the only thing in the URL. */
    token: text("token").notNull(),
    label: text("label").notNull().default(""),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("unit_feeds_token_unique").on(t.token), index("unit_feeds_unit_idx").on(t.unitId)],
);

// ---------------------------------------------------------------------------
// Relations (for drizzle's relational queries)

export const unitsRelations = relations(units, ({ one, many }) => ({
  parent: one(units, { fields: [units.parentId], references: [units.id], relationName: "unit_parent" }),
  kindRow: one(unitKinds, { fields: [units.kind], references: [unitKinds.key] }),
  children: many(units, { relationName: "unit_parent" }),
  bodies: many(bodies),
}));

export const bodiesRelations = relations(bodies, ({ one }) => ({
  unit: one(units, { fields: [bodies.unitId], references: [units.id] }),
  kindRow: one(bodyKinds, { fields: [bodies.kind], references: [bodyKinds.key] }),
}));

export const usersRelations = relations(users, ({ one }) => ({
  unit: one(units, { fields: [users.unitId], references: [units.id] }),
  body: one(bodies, { fields: [users.bodyId], references: [bodies.id] }),
}));

export const campaignsRelations = relations(campaigns, ({ many }) => ({
  requirements: many(campaignRequirements),
  conferences: many(conferences),
}));

export const campaignRequirementsRelations = relations(campaignRequirements, ({ one }) => ({
  campaign: one(campaigns, { fields: [campaignRequirements.campaignId], references: [campaigns.id] }),
}));

export const conferencesRelations = relations(conferences, ({ one, many }) => ({
  campaign: one(campaigns, { fields: [conferences.campaignId], references: [campaigns.id] }),
  unit: one(units, { fields: [conferences.unitId], references: [units.id] }),
  body: one(bodies, { fields: [conferences.bodyId], references: [bodies.id] }),
  requirement: one(campaignRequirements, {
    fields: [conferences.requirementId],
    references: [campaignRequirements.id],
  }),
  sites: many(sites),
  coBodies: many(conferenceCoBodies),
}));

export const conferenceCoBodiesRelations = relations(conferenceCoBodies, ({ one }) => ({
  conference: one(conferences, { fields: [conferenceCoBodies.conferenceId], references: [conferences.id] }),
  body: one(bodies, { fields: [conferenceCoBodies.bodyId], references: [bodies.id] }),
}));

export const sitesRelations = relations(sites, ({ one, many }) => ({
  conference: one(conferences, { fields: [sites.conferenceId], references: [conferences.id] }),
  unit: one(units, { fields: [sites.unitId], references: [units.id] }),
  staff: many(siteStaff),
}));

export const siteStaffRelations = relations(siteStaff, ({ one }) => ({
  site: one(sites, { fields: [siteStaff.siteId], references: [sites.id] }),
  user: one(users, { fields: [siteStaff.userId], references: [users.id] }),
}));
