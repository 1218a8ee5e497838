/**
 * The PostgreSQL twin of db/schema-sqlite.ts (docs/decisions/0035-postgresql-the-way-there.md, point 1): the same
 * tables, columns (same SQL names), defaults, nullability, keys, indexes and CHECK constraints, in drizzle's
 * pg-core dialect. What the app queries when DATABASE_URL is set (db/schema.ts, decision 0037). db/schema-parity.test.ts migrates both and compares their catalogs:
 * change the two files together (`npm run db:generate` and `npm run db:generate:pg`).
 *
 * Type choices:
 * - Times (`integer … timestamp_ms` on SQLite) are `timestamp(3) with time zone`, read as `Date` (`mode: "date"`):
 *   the application already gets a `Date` from the SQLite column, so the queries' types do not change; the
 *   precision is SQLite's (milliseconds); the zone is UTC on both. A `bigint` of epoch milliseconds would have kept
 *   SQL arithmetic on times unchanged but given the app numbers where it reads dates. The few queries that do
 *   arithmetic on epoch milliseconds need a dialect helper in db/ (decision 0035). `created_at` defaults to `now()`
 *   (the transaction's start; SQLite's `unixepoch('subsec')` is the statement's).
 * - Booleans (`integer … boolean`) are `boolean`; the one-main-site partial index reads `where is_main`.
 * - Ids are `integer generated always as identity`: the app never inserts an explicit id (seeds and actions let the
 *   database choose; checked with grep on 06/12/2026), so "always" refuses a stray one instead of letting it collide
 *   with the sequence later. A copy of SQLite data must insert with `overriding system value` and then `setval`.
 *   They are `integer` (32 bits; SQLite's are 64): over two thousand million rows per table, but `scan_log` and
 *   `audit_log` grow with every scan and edit, and are the ones to move to `bigint` if a count ever says so.
 * - JSON (`text … json`) is `jsonb`, except the audit log's before/after, which are `json`: kept as written, so
 *   their fields stay in the order the audit page lists them (jsonb sorts keys).
 * - Enumerations stay text with the same CHECK constraints, built from lib/enums.ts. The essay date's `glob` is a
 *   regular expression here.
 *
 * Not here: the triggers that copy a person's membership and category onto invitations are plpgsql in the
 * hand-written migration db/migrations-pg/0001_attendee_triggers.sql; `name_sort_key` (lib/people/name-order.ts) is
 * plpgsql in 0002 (SQLite registers it in code, db/client.ts); the standard unit and body kinds are rows of 0004.
 */
import { relations, sql } from "drizzle-orm";
import { boolean, check, index, integer, json, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, type AnyPgColumn } from "drizzle-orm/pg-core";

import {
  ROLES,
  IMPORT_KINDS,
  CONFERENCE_STATUSES,
  INVITATION_STATUSES,
  INVITATION_KINDS,
  CHECK_IN_METHODS,
  SCAN_VERDICTS,
  SIGN_FORMS,
  ABSENCE_REASONS,
} from "@/lib/enums";

const inList = (column: AnyPgColumn, values: readonly string[]) => sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(", "))})`;

/** Milliseconds since the epoch, as on SQLite, read as a Date. */
const timestamptz = (name: string) => timestamp(name, { mode: "date", precision: 3, withTimezone: true });

const createdAt = () => timestamptz("created_at").notNull().defaultNow();

// ---------------------------------------------------------------------------
// Organisation: kinds (data an admin edits), units and their organising bodies

/** Kinds of unit: tinh, huyen, xa, phuong, dac_khu, dang_bo_truc_thuoc… Campaign requirements are keyed by them. */
export const unitKinds = pgTable("unit_kinds", {
  /** Stable key (ASCII, snake_case): what requirements and imports name. */
  key: text("key").primaryKey(),
  /** Vietnamese label: "Xã", "Đặc khu", "Đảng bộ trực thuộc Tỉnh ủy". */
  label: text("label").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
});

/** Kinds of organising body: Ban Thường vụ, Ban Tuyên giáo và Dân vận, Ủy ban MTTQ… */
export const bodyKinds = pgTable("body_kinds", {
  key: text("key").primaryKey(),
  label: text("label").notNull(),
  /** Whether a campaign requirement may name this kind (as organiser or co-organiser). */
  requirable: boolean("requirable").notNull().default(true),
  /** Colour of its conferences on the calendar, "#rrggbb". */
  colour: text("colour").notNull().default("#5b6474"),
  sortOrder: integer("sort_order").notNull().default(0),
});

export const units = pgTable(
  "units",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** Administrative code (522 = TP Quảng Ngãi) or a short code for Party organisations. */
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** e.g. tinh, thanh_pho, thi_xa, huyen, xa, dang_bo_truc_thuoc — requirements are keyed by it. */
    kind: text("kind")
      .notNull()
      .references(() => unitKinds.key),
    /** Place name used in letter headings: "Quảng Ngãi", "Ba Tơ". */
    placeName: text("place_name").notNull(),
    parentId: integer("parent_id").references((): AnyPgColumn => units.id),
    sortOrder: integer("sort_order").notNull().default(0),
    /** Retired units are kept for history (old conferences and reports show them) and take no new conferences. */
    retiredAt: timestamptz("retired_at"),
    /** Set when the unit was merged into another (the 2025 reform): its data moved there. */
    mergedIntoId: integer("merged_into_id").references((): AnyPgColumn => units.id),
  },
  (t) => [uniqueIndex("units_code_unique").on(t.code), index("units_parent_idx").on(t.parentId)],
);

export const bodies = pgTable(
  "bodies",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
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
    retiredAt: timestamptz("retired_at"),
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
export const bodyTemplates = pgTable(
  "body_templates",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
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

export const users = pgTable(
  "users",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    username: text("username").notNull(),
    passwordHash: text("password_hash").notNull(),
    fullName: text("full_name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    bodyId: integer("body_id").references(() => bodies.id),
    disabled: boolean("disabled").notNull().default(false),
    /** Bumped on password change, reset or disable: older sessions stop working. */
    sessionVersion: integer("session_version").notNull().default(1),
    /** Set for accounts created with a generated one-time password: the first sign-in must change it. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    /** The campaign the user chose to work on (home, board, forms); null: none chosen yet. */
    currentCampaignId: integer("current_campaign_id").references((): AnyPgColumn => campaigns.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamptz("updated_at"),
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
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    username: text("username").notNull(),
    /** The client's real address, or null when it is not known (behind a proxy without TRUST_PROXY). */
    address: text("address"),
    attemptedAt: timestamptz("attempted_at").notNull(),
  },
  (t) => [index("login_attempts_username_idx").on(t.username, t.attemptedAt), index("login_attempts_address_idx").on(t.address, t.attemptedAt)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id").references(() => users.id),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    before: json("before"),
    after: json("after"),
    at: timestamptz("at").notNull(),
  },
  (t) => [index("audit_log_entity_idx").on(t.entity, t.entityId), index("audit_log_at_idx").on(t.at)],
);

/** Small key/value facts about this installation (e.g. whether demo data is in use). */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

// ---------------------------------------------------------------------------
// Campaigns and what they require

export const campaigns = pgTable(
  "campaigns",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
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
    archivedAt: timestamptz("archived_at"),
    createdAt: createdAt(),
  },
  (t) => [check("campaigns_dates_check", sql`${t.deadline} >= ${t.startDate}`)],
);

/**
 * Public keys a campaign signed with before its key was rotated. Tokens signed
 * with one stay valid (until their letter is reissued) unless the key is revoked.
 */
export const campaignRetiredKeys = pgTable(
  "campaign_retired_keys",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    publicKey: text("public_key").notNull(),
    retiredAt: timestamptz("retired_at").notNull(),
    /** Set when tokens signed with this key must no longer be accepted (a compromised key). */
    revokedAt: timestamptz("revoked_at"),
  },
  (t) => [index("campaign_retired_keys_campaign_idx").on(t.campaignId)],
);

/** "Every unit of kind X must hold a conference organised by body kind Y before the deadline." */
export const campaignRequirements = pgTable(
  "campaign_requirements",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
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
    coBodyKinds: jsonb("co_body_kinds").$type<string[]>().notNull().default([]),
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

export const conferences = pgTable(
  "conferences",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
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
    startsAt: timestamptz("starts_at").notNull(),
    endsAt: timestamptz("ends_at").notNull(),
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
    updatedAt: timestamptz("updated_at"),
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

export const conferenceCoBodies = pgTable(
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
export const sites = pgTable(
  "sites",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    conferenceId: integer("conference_id")
      .notNull()
      .references(() => conferences.id, { onDelete: "cascade" }),
    /** The unit a bridge point belongs to (a district hall of a provincial conference). */
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    isMain: boolean("is_main").notNull().default(false),
    venue: text("venue").notNull(),
    address: text("address").notNull().default(""),
    capacity: integer("capacity"),
  },
  (t) => [
    index("sites_conference_idx").on(t.conferenceId),
    index("sites_venue_idx").on(t.venue),
    uniqueIndex("sites_one_main_unique")
      .on(t.conferenceId)
      .where(sql`${t.isMain}`),
    check("sites_capacity_check", sql`${t.capacity} is null or ${t.capacity} > 0`),
  ],
);

/** Door staff (scanner accounts) assigned to a site. */
export const siteStaff = pgTable(
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

export const people = pgTable(
  "people",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    fullName: text("full_name").notNull(),
    /** Lower-case, diacritics removed (lib/text/fold.ts): what search matches against. */
    searchName: text("search_name").notNull(),
    position: text("position").notNull().default(""),
    workplace: text("workplace").notNull().default(""),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    isPartyMember: boolean("is_party_member").notNull().default(true),
    /** Attendee category (thành phần): can_bo_chu_chot, bao_cao_vien, doan_vien, giao_vien… */
    category: text("category").notNull().default(""),
    phone: text("phone"),
    email: text("email"),
    /** An identifier from the source list, for de-duplication on import. */
    externalCode: text("external_code"),
    /** Merged into another record (hidden from lists and search; person_merges can undo it). */
    mergedIntoId: integer("merged_into_id").references((): AnyPgColumn => people.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("people_unit_idx").on(t.unitId),
    index("people_search_idx").on(t.searchName),
    index("people_phone_idx").on(t.phone),
    uniqueIndex("people_external_code_unique").on(t.externalCode),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
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
     * The invitee's Party membership and category (thành phần), copied from people by triggers
     * (db/migrations-pg/0001_attendee_triggers.sql, as SQLite's migration 0006) so that attendance reports read one covering index
     * (docs/decisions/0010-attendance-reports.md). Never written by the application.
     */
    attendeePartyMember: boolean("attendee_party_member").notNull().default(true),
    attendeeCategory: text("attendee_category").notNull().default(""),
    issuedAt: timestamptz("issued_at"),
    revokedAt: timestamptz("revoked_at"),
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
export const reflectionEssays = pgTable(
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
    recordedAt: timestamptz("recorded_at").notNull().defaultNow(),
  },
  (t) => [
    index("reflection_essays_conference_idx").on(t.conferenceId),
    check("reflection_essays_date_check", sql`${t.submittedOn} ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'`),
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
export const attendanceTallies = pgTable(
  "attendance_tallies",
  {
    conferenceId: integer("conference_id").notNull(),
    partyMember: boolean("party_member").notNull(),
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
export const personMerges = pgTable(
  "person_merges",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    keptPersonId: integer("kept_person_id")
      .notNull()
      .references(() => people.id),
    mergedPersonId: integer("merged_person_id")
      .notNull()
      .references(() => people.id),
    movedInvitationIds: jsonb("moved_invitation_ids").$type<number[]>().notNull().default([]),
    revokedInvitationIds: jsonb("revoked_invitation_ids").$type<number[]>().notNull().default([]),
    mergedBy: integer("merged_by").references(() => users.id),
    mergedAt: timestamptz("merged_at").notNull().defaultNow(),
    undoneBy: integer("undone_by").references(() => users.id),
    undoneAt: timestamptz("undone_at"),
  },
  (t) => [index("person_merges_kept_idx").on(t.keptPersonId), index("person_merges_merged_idx").on(t.mergedPersonId)],
);

/** At most one check-in per invitation: the first accepted scan wins. */
export const checkIns = pgTable(
  "check_ins",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
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
    scannedAt: timestamptz("scanned_at").notNull(),
    /** Time the server received it. */
    receivedAt: timestamptz("received_at").notNull(),
    scannerUserId: integer("scanner_user_id").references(() => users.id),
    deviceId: text("device_id").notNull().default(""),
    method: text("method", { enum: CHECK_IN_METHODS }).notNull(),
    isLate: boolean("is_late").notNull().default(false),
    wasOffline: boolean("was_offline").notNull().default(false),
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
export const scanLog = pgTable(
  "scan_log",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
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
    scannedAt: timestamptz("scanned_at").notNull(),
    receivedAt: timestamptz("received_at").notNull(),
    wasOffline: boolean("was_offline").notNull().default(false),
    /** duplicate: the check-in that came first, by device time (its device and time), kept with this scan's own. */
    firstDeviceId: text("first_device_id"),
    firstScannedAt: timestamptz("first_scanned_at"),
  },
  (t) => [
    uniqueIndex("scan_log_nonce_unique").on(t.nonce),
    index("scan_log_conference_idx").on(t.conferenceId, t.receivedAt),
    index("scan_log_invitation_idx").on(t.invitationId),
    index("scan_log_device_idx").on(t.deviceId, t.receivedAt),
    check("scan_log_verdict_check", inList(t.verdict, SCAN_VERDICTS)),
  ],
);

/** Excused absence (vắng có lý do) and, later, the make-up session (học bù) it needed. */
export const absences = pgTable(
  "absences",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    invitationId: integer("invitation_id")
      .notNull()
      .references(() => invitations.id, { onDelete: "cascade" }),
    /** Why (vắng có lý do); null: absent without a reason (vắng không lý do), kept for a make-up session. */
    reason: text("reason"),
    note: text("note").notNull().default(""),
    recordedBy: integer("recorded_by").references(() => users.id),
    recordedAt: timestamptz("recorded_at").notNull(),
    makeUpAttendedAt: timestamptz("make_up_attended_at"),
    makeUpNote: text("make_up_note"),
  },
  (t) => [uniqueIndex("absences_invitation_unique").on(t.invitationId), check("absences_reason_check", inList(t.reason, ABSENCE_REASONS))],
);

/** The last letter number a body used in a term ("15" of "Số 15-GM/HU"). */
export const letterSequences = pgTable(
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
export const importBatches = pgTable(
  "import_batches",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
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
    headers: jsonb("headers").$type<string[]>().notNull(),
    rows: jsonb("rows").$type<string[][]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("import_batches_user_idx").on(t.userId), check("import_batches_kind_check", inList(t.kind, IMPORT_KINDS))],
);

/** A secret, revocable calendar-feed URL for one unit's schedule (phone calendars subscribe to it). */
export const unitFeeds = pgTable(
  "unit_feeds",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    /** 32 random bytes, base32: the only thing in the URL. */
    token: text("token").notNull(),
    label: text("label").notNull().default(""),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    revokedAt: timestamptz("revoked_at"),
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
