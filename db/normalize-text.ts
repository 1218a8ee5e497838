/**
 * A one-off data step, run by migrateDatabase after the schema migrations: every
 * text column the app writes is brought to Unicode NFC (names typed or exported
 * on macOS arrive decomposed, NFD). New input is stored NFC by the schemas
 * (lib/schemas/text.ts) and the import; this mends rows saved before that.
 *
 * One transaction; only rows whose text changes are updated; people.search_name
 * is recomputed with the name. Recorded in app_settings, so later starts skip it.
 * Left alone on purpose: the audit log and the scan log (records of what was
 * sent), pending import batches (normalised when committed), login attempts.
 */
import type Database from "better-sqlite3";
import { foldForSearch } from "@/lib/text/fold";
import type { Tx } from "./client";

/**
 * Recorded once done. Version 2 (06/12/2026) covers the columns added since the first run (the
 * documents' heading and signer fields, kind labels, body templates, revoke reasons): a database
 * that ran version 1 runs it once more, which changes only rows that are still not NFC.
 */
export const TEXT_NFC_SETTING = "data_step.text_nfc.v2";

/** table → its free-text columns (every TEXT column a person can type; db/normalize-text.test.ts checks none is missed). */
export const TEXT_COLUMNS: Record<string, string[]> = {
  units: ["name", "place_name"],
  unit_kinds: ["label"],
  body_kinds: ["label"],
  bodies: ["name", "symbol", "parent_line", "heading_name", "sign_for", "signer_title", "signer_name"],
  body_templates: ["name_pattern", "symbol", "parent_line_pattern"],
  users: ["full_name"],
  campaigns: ["title", "resolution", "term"],
  campaign_requirements: ["title", "duration"],
  conferences: ["title", "agenda", "audience", "chair", "contact", "cancel_reason", "sign_for", "signer_title", "signer_name"],
  sites: ["venue", "address"],
  people: ["full_name", "position", "workplace", "category", "email", "external_code"],
  invitations: ["substitute_name", "substitute_position", "letter_number", "revoke_reason"],
  absences: ["note", "make_up_note"],
  letter_sequences: ["term"],
  unit_feeds: ["label"],
};

/**
 * TEXT columns that are not free text, or are left alone on purpose (the test requires every
 * TEXT column to be in one list or the other): codes, keys, enums, tokens, dates, JSON, hashes,
 * logs kept as sent, copies kept by triggers.
 */
export const NOT_FREE_TEXT: Record<string, string[]> = {
  app_settings: ["key", "value"],
  audit_log: ["action", "entity", "entity_id", "before", "after"],
  scan_log: ["nonce", "token", "verdict", "method", "device_id", "first_device_id"],
  login_attempts: ["username", "address"],
  import_batches: ["kind", "filename", "headers", "rows"],
  units: ["code", "kind"],
  unit_kinds: ["key"],
  body_kinds: ["key", "colour"],
  bodies: ["kind", "sign_form"],
  body_templates: ["unit_kind", "body_kind"],
  users: ["username", "password_hash", "role"],
  campaigns: ["start_date", "deadline", "signing_public_key", "signing_private_key"],
  campaign_retired_keys: ["public_key"],
  campaign_requirements: ["unit_kind", "body_kind", "co_body_kinds", "due_date"],
  conferences: ["status", "sign_form"],
  check_ins: ["device_id", "method", "nonce"],
  // attendee_category is a copy of people.category, kept by triggers (migration 0006).
  invitations: ["kind", "status", "token", "attendee_category"],
  people: ["search_name", "phone"],
  absences: ["reason"],
  unit_feeds: ["token"],
  reflection_essays: ["submitted_on"],
  person_merges: ["moved_invitation_ids", "revoked_invitation_ids"],
  // The invitations' attendee_category again, per tally, kept by triggers (migration 0012).
  attendance_tallies: ["category"],
};

export interface TextNormalization {
  /** Rows updated. */
  changed: number;
  /** Rows left as they were because their NFC text would collide with another row's (a unique index). */
  skipped: { table: string; rowid: number }[];
}

type Row = Record<string, unknown> & { rowid: number };

function normalizeTable(sqlite: Database.Database, table: string, columns: string[], result: TextNormalization): void {
  const selected = table === "people" ? [...columns, "search_name"] : columns;
  const rows = sqlite.prepare(`select rowid as rowid, ${selected.map((c) => `"${c}"`).join(", ")} from "${table}"`).all() as Row[];
  const updates = new Map<string, Database.Statement>();
  for (const row of rows) {
    const set: Record<string, string> = {};
    for (const column of columns) {
      const value = row[column];
      if (typeof value === "string" && value.normalize("NFC") !== value) set[column] = value.normalize("NFC");
    }
    if (table === "people") {
      const searchName = foldForSearch(set.full_name ?? (row.full_name as string));
      if (searchName !== row.search_name) set.search_name = searchName;
    }
    const changed = Object.keys(set);
    if (changed.length === 0) continue;
    const key = changed.join(",");
    let update = updates.get(key);
    if (!update) {
      update = sqlite.prepare(`update "${table}" set ${changed.map((c) => `"${c}" = @${c}`).join(", ")} where rowid = @rowid`);
      updates.set(key, update);
    }
    try {
      update.run({ ...set, rowid: row.rowid });
      result.changed++;
    } catch (error) {
      // SQLite undoes only the failed statement; the transaction goes on.
      if (!(error instanceof Error && "code" in error && String(error.code).startsWith("SQLITE_CONSTRAINT"))) throw error;
      result.skipped.push({ table, rowid: row.rowid });
    }
  }
}

/** Normalises every listed column now (whether or not it was done before). */
export function normalizeStoredText(db: Tx): TextNormalization {
  const result: TextNormalization = { changed: 0, skipped: [] };
  db.$client
    .transaction(() => {
      for (const [table, columns] of Object.entries(TEXT_COLUMNS)) normalizeTable(db.$client, table, columns, result);
    })
    .immediate();
  return result;
}

/** The data step as migrations run it: once per database, recorded in app_settings. */
export function normalizeStoredTextOnce(db: Tx): TextNormalization | null {
  const once = db.$client.transaction(() => {
    if (db.$client.prepare("select 1 from app_settings where key = ?").get(TEXT_NFC_SETTING)) return null;
    const result = normalizeStoredText(db);
    if (result.skipped.length > 0) console.warn(`⚠ ${result.skipped.length} dòng giữ nguyên dạng Unicode cũ vì trùng với dòng khác:`, result.skipped);
    db.$client
      .prepare("insert into app_settings (key, value) values (?, ?)")
      .run(TEXT_NFC_SETTING, JSON.stringify({ at: new Date().toISOString(), changed: result.changed, skipped: result.skipped.length }));
    return result;
  });
  return once.immediate();
}
