/**
 * The tables the app queries (docs/decisions/0037-one-set-of-queries-two-engines.md): SQLite's
 * (db/schema-sqlite.ts, the embedded default) or, when DATABASE_URL is set, PostgreSQL's twin
 * (db/schema-pg.ts: the same tables, columns and SQL names, checked by db/schema-parity.test.ts).
 *
 * Chosen once, when the process first imports this module: one process talks to one engine. Typed as
 * the SQLite tables, so that the queries are written once against one set of types; drizzle builds
 * each query in the dialect of the database it runs on, from the columns of the engine's own tables
 * (their value mappings: a time is epoch milliseconds on SQLite, a timestamptz on PostgreSQL).
 * What the two dialects write differently lives in db/dialect.ts.
 */
import { databaseEngine } from "./engine";
import * as postgres from "./schema-pg";
import * as sqlite from "./schema-sqlite";

const tables = (databaseEngine() === "postgres" ? postgres : sqlite) as unknown as typeof sqlite;

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
} from "./schema-sqlite";
export type { Role, DemoBodyKind, ImportKind, ConferenceStatus, ScanVerdict, AbsenceReason } from "./schema-sqlite";

export const unitKinds = tables.unitKinds;
export const bodyKinds = tables.bodyKinds;
export const units = tables.units;
export const bodies = tables.bodies;
export const bodyTemplates = tables.bodyTemplates;
export const users = tables.users;
export const loginAttempts = tables.loginAttempts;
export const auditLog = tables.auditLog;
export const appSettings = tables.appSettings;
export const campaigns = tables.campaigns;
export const campaignRetiredKeys = tables.campaignRetiredKeys;
export const campaignRequirements = tables.campaignRequirements;
export const conferences = tables.conferences;
export const conferenceCoBodies = tables.conferenceCoBodies;
export const sites = tables.sites;
export const siteStaff = tables.siteStaff;
export const people = tables.people;
export const invitations = tables.invitations;
export const reflectionEssays = tables.reflectionEssays;
export const attendanceTallies = tables.attendanceTallies;
export const personMerges = tables.personMerges;
export const checkIns = tables.checkIns;
export const scanLog = tables.scanLog;
export const absences = tables.absences;
export const letterSequences = tables.letterSequences;
export const importBatches = tables.importBatches;
export const unitFeeds = tables.unitFeeds;
export const unitsRelations = tables.unitsRelations;
export const bodiesRelations = tables.bodiesRelations;
export const usersRelations = tables.usersRelations;
export const campaignsRelations = tables.campaignsRelations;
export const campaignRequirementsRelations = tables.campaignRequirementsRelations;
export const conferencesRelations = tables.conferencesRelations;
export const conferenceCoBodiesRelations = tables.conferenceCoBodiesRelations;
export const sitesRelations = tables.sitesRelations;
export const siteStaffRelations = tables.siteStaffRelations;
