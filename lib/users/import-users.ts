/**
 * Bulk creation of accounts from a CSV/XLSX list (docs/decisions/0018), in the people
 * import's three steps: upload (parse, keep the rows in an `import_batches` row
 * of kind "users"), preview (check every line), commit (create the valid lines).
 *
 * Columns (English or Vietnamese headers, any order, case and diacritics ignored):
 *   username | Tên đăng nhập        — required
 *   full name | Họ và tên           — required
 *   role | Vai trò                  — admin/organizer/scanner/viewer or the Vietnamese label
 *                                     ("Quản trị", "Cán bộ tổ chức", "Cán bộ điểm danh", "Cán bộ theo dõi, báo cáo")
 *   unit code | Mã đơn vị           — required, a unit in the admin's scope
 *   body | Cơ quan                  — organisers: a body of that unit, by name or document symbol
 *   door sites | Điểm cầu           — door staff (optional): site ids separated by ";", "," or spaces,
 *                                     of sites in the admin's scope (the site id is shown on the
 *                                     conference's page)
 *
 * Passwords: each account gets a one-time password (lib/users/one-time-password.ts)
 * generated at commit time, hashed, and returned once to be printed; it is never
 * stored in clear (the batch holds only the list as uploaded). Every account must
 * change it at first sign-in. Each account is audited, and the import once.
 */
import { and, eq, inArray, isNull, lt } from "drizzle-orm";
import { changedRows, returnedRow, firstRow, transaction, type Db } from "@/db/client";
import { bodies, importBatches, ROLES, siteStaff, sites, conferences, units, users, type Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { coversUnit } from "@/lib/auth/scope";
import { hashPassword } from "@/lib/auth/password";
import { parseFile, type ParseError, type ParseErrorValues } from "@/lib/people/import/parse-file";
import { createUserSchema } from "@/lib/schemas/users";
import { foldForSearch } from "@/lib/text/fold";
import { generateOneTimePassword } from "./one-time-password";
import type { CreatedAccount } from "./import-state";
import type { Actor } from "./user-scope";

export const USER_IMPORT_MAX_ROWS = 1_000;
const BATCH_TTL_MS = 24 * 3600_000;

export const USER_IMPORT_FIELDS = ["username", "fullName", "role", "unitCode", "body", "sites"] as const;
export type UserImportField = (typeof USER_IMPORT_FIELDS)[number];
const REQUIRED_FIELDS: UserImportField[] = ["username", "fullName", "role", "unitCode"];

/** Header texts, folded (lower case, no diacritics), for each column. */
const HEADER_ALIASES: Record<UserImportField, string[]> = {
  username: ["username", "user name", "login", "ten dang nhap", "tai khoan"],
  fullName: ["full name", "fullname", "name", "ho va ten", "ho ten"],
  role: ["role", "vai tro"],
  unitCode: ["unit code", "unit", "ma don vi", "don vi"],
  body: ["body", "organising body", "organizing body", "co quan", "co quan to chuc"],
  sites: ["door sites", "sites", "site ids", "diem cau", "diem danh tai"],
};

/** Role labels as people write them, folded and without punctuation. */
const ROLE_WORDS: Record<string, Role> = {
  "quan tri": "admin",
  "quan tri vien": "admin",
  "can bo to chuc": "organizer",
  "to chuc": "organizer",
  "can bo diem danh": "scanner",
  "diem danh": "scanner",
  "can bo theo doi bao cao": "viewer",
  "theo doi bao cao": "viewer",
};

const foldWords = (text: string) => foldForSearch(text.replace(/[.,;:/_-]+/g, " "));

/** The role of a cell: its key (any case) or its Vietnamese label; null when neither. */
export function parseRole(cell: string): Role | null {
  const key = cell.trim().toLowerCase();
  if ((ROLES as readonly string[]).includes(key)) return key as Role;
  return ROLE_WORDS[foldWords(cell)] ?? null;
}

/** Which column holds which field (first match wins); fields without a column are absent. */
export function mapUserColumns(headers: string[]): Partial<Record<UserImportField, number>> {
  const mapping: Partial<Record<UserImportField, number>> = {};
  headers.forEach((header, index) => {
    const folded = foldWords(header);
    for (const field of USER_IMPORT_FIELDS) {
      if (mapping[field] === undefined && HEADER_ALIASES[field].includes(folded)) {
        mapping[field] = index;
        return;
      }
    }
  });
  return mapping;
}

export type UserRowError =
  | "usernameFormat"
  | "usernameDuplicateInFile"
  | "usernameTaken"
  | "fullNameRequired"
  | "roleUnknown"
  | "unitUnknown"
  | "unitOutOfScope"
  | "bodyRequired"
  | "bodyNotInUnit"
  | "siteUnknown"
  | "sitesForScannersOnly";

/** One line as checked: what would be created, and why not when `errors` is not empty. */
export interface CheckedUserRow {
  line: number;
  username: string;
  fullName: string;
  role: Role | null;
  roleText: string;
  unitCode: string;
  unitId: number | null;
  unitName: string | null;
  bodyText: string;
  bodyId: number | null;
  bodyName: string | null;
  sitesText: string;
  siteIds: number[];
  errors: UserRowError[];
}

export type UserColumnsCheck = { ok: true; rows: CheckedUserRow[] } | { ok: false; code: "columnsMissing"; missing: UserImportField[] };

/**
 * Checks every line against the database and the actor's scope. Lines are
 * numbered as in the file (the header is line 1).
 */
export async function checkUserRows(db: Db, actor: Actor, headers: string[], rows: string[][]): Promise<UserColumnsCheck> {
  const mapping = mapUserColumns(headers);
  const missing = REQUIRED_FIELDS.filter((f) => mapping[f] === undefined);
  if (missing.length > 0) return { ok: false, code: "columnsMissing", missing };
  const cell = (row: string[], field: UserImportField) => {
    const index = mapping[field];
    return index === undefined ? "" : (row[index] ?? "").trim();
  };

  const codes = [...new Set(rows.map((r) => cell(r, "unitCode")).filter(Boolean))];
  const unitRows =
    codes.length === 0
      ? []
      : await db.select({ id: units.id, code: units.code, name: units.name, retiredAt: units.retiredAt }).from(units).where(inArray(units.code, codes));
  const unitByCode = new Map(unitRows.filter((u) => u.retiredAt === null).map((u) => [u.code, u]));
  const unitIds = [...unitByCode.values()].map((u) => u.id);
  const bodyRows =
    unitIds.length === 0
      ? []
      : await db
          .select({ id: bodies.id, unitId: bodies.unitId, name: bodies.name, symbol: bodies.symbol })
          .from(bodies)
          .where(and(inArray(bodies.unitId, unitIds), isNull(bodies.retiredAt)));
  const usernames = rows.map((r) => cell(r, "username").toLowerCase()).filter(Boolean);
  const taken = new Set(
    usernames.length === 0
      ? []
      : (
          await db
            .select({ username: users.username })
            .from(users)
            .where(inArray(users.username, [...new Set(usernames)]))
        ).map((u) => u.username),
  );
  const siteIdsOf = (text: string) => text.split(/[\s;,]+/).filter(Boolean);
  const allSiteIds = [
    ...new Set(
      rows
        .flatMap((r) => siteIdsOf(cell(r, "sites")))
        .map(Number)
        .filter((n) => Number.isSafeInteger(n) && n > 0),
    ),
  ];
  // A site is in scope when it or its conference belongs to a unit in scope.
  const siteRows =
    allSiteIds.length === 0
      ? []
      : await db
          .select({ id: sites.id, unitId: sites.unitId, conferenceUnitId: conferences.unitId })
          .from(sites)
          .innerJoin(conferences, eq(conferences.id, sites.conferenceId))
          .where(inArray(sites.id, allSiteIds));
  const readableSites = new Set(siteRows.filter((s) => coversUnit(actor, s.unitId) || coversUnit(actor, s.conferenceUnitId)).map((s) => s.id));

  const seen = new Set<string>();
  const checked = rows.map((row, index): CheckedUserRow => {
    const errors: UserRowError[] = [];
    const username = cell(row, "username").toLowerCase();
    const fullName = cell(row, "fullName");
    const roleText = cell(row, "role");
    const role = parseRole(roleText);
    const unitCode = cell(row, "unitCode");
    const bodyText = cell(row, "body");
    const sitesText = cell(row, "sites");

    const shape = createUserSchema.safeParse({ username, fullName, role: role ?? "viewer", unitId: 1, bodyId: null, password: "x".repeat(8) });
    const issues = new Set(shape.success ? [] : shape.error.issues.map((i) => String(i.path[0])));
    if (issues.has("username")) errors.push("usernameFormat");
    else if (seen.has(username)) errors.push("usernameDuplicateInFile");
    else if (taken.has(username)) errors.push("usernameTaken");
    if (username) seen.add(username);
    if (issues.has("fullName")) errors.push("fullNameRequired");
    if (role === null) errors.push("roleUnknown");

    const unit = unitByCode.get(unitCode) ?? null;
    if (!unit) errors.push("unitUnknown");
    else if (!coversUnit(actor, unit.id)) errors.push("unitOutOfScope");

    let body: (typeof bodyRows)[number] | null = null;
    if (role === "organizer") {
      if (!bodyText) errors.push("bodyRequired");
      else if (unit) {
        const folded = foldForSearch(bodyText);
        body =
          bodyRows.find((b) => b.unitId === unit.id && (foldForSearch(b.name) === folded || (b.symbol !== "" && foldForSearch(b.symbol) === folded))) ?? null;
        if (!body) errors.push("bodyNotInUnit");
      }
    }

    const siteTexts = siteIdsOf(sitesText);
    const siteIds = siteTexts.map(Number);
    if (siteTexts.length > 0 && role !== null && role !== "scanner") errors.push("sitesForScannersOnly");
    else if (siteIds.some((id) => !readableSites.has(id))) errors.push("siteUnknown");

    return {
      line: index + 2,
      username,
      fullName,
      role,
      roleText,
      unitCode,
      unitId: unit && coversUnit(actor, unit.id) ? unit.id : null,
      unitName: unit?.name ?? null,
      bodyText,
      bodyId: body?.id ?? null,
      bodyName: body?.name ?? null,
      sitesText,
      siteIds: [...new Set(siteIds)],
      errors,
    };
  });
  return { ok: true, rows: checked };
}

export type UploadResult = { ok: true; batchId: number; rows: number } | { ok: false; code: ParseError | "tooManyAccounts"; values?: ParseErrorValues };

/** Parses an uploaded list and keeps it as the actor's batch (their older account batches go). */
export async function uploadUsersBatch(
  db: Db,
  actor: Actor & { unitId: number },
  filename: string,
  bytes: Uint8Array,
  now: Date = new Date(),
): Promise<UploadResult> {
  const parsed = await parseFile(filename, bytes);
  if (!parsed.ok) return parsed;
  if (parsed.rows.length > USER_IMPORT_MAX_ROWS) return { ok: false, code: "tooManyAccounts" };
  return await transaction(db, async (db) => {
    await db.delete(importBatches).where(and(eq(importBatches.kind, "users"), eq(importBatches.userId, actor.id)));
    await db.delete(importBatches).where(and(eq(importBatches.kind, "users"), lt(importBatches.createdAt, new Date(now.getTime() - BATCH_TTL_MS))));
    const batch = await returnedRow(
      db
        .insert(importBatches)
        .values({ userId: actor.id, kind: "users", unitId: actor.unitId, filename: filename.slice(0, 200), headers: parsed.headers, rows: parsed.rows })
        .returning({ id: importBatches.id }),
    );
    return { ok: true as const, batchId: batch.id, rows: parsed.rows.length };
  });
}

async function loadBatch(db: Db, actor: Actor, batchId: number) {
  return await firstRow(
    db
      .select()
      .from(importBatches)
      .where(and(eq(importBatches.id, batchId), eq(importBatches.kind, "users"), eq(importBatches.userId, actor.id))),
  );
}

export type PreviewResult =
  { ok: true; filename: string; rows: CheckedUserRow[] } | { ok: false; code: "notFound" } | { ok: false; code: "columnsMissing"; missing: UserImportField[] };

/** The actor's batch, every line checked. Another user's batch is "notFound". */
export async function previewUsersBatch(db: Db, actor: Actor, batchId: number): Promise<PreviewResult> {
  const batch = await loadBatch(db, actor, batchId);
  if (!batch) return { ok: false, code: "notFound" };
  const checked = await checkUserRows(db, actor, batch.headers, batch.rows);
  if (!checked.ok) return checked;
  return { ok: true, filename: batch.filename, rows: checked.rows };
}

/** An account to create, resolved (ids checked against the scope by the caller or by checkUserRows). */
export interface NewAccount {
  username: string;
  fullName: string;
  role: Role;
  unitId: number;
  bodyId: number | null;
  siteIds: number[];
}

export type CreateAccountsResult =
  { ok: true; created: CreatedAccount[]; skipped: number } | { ok: false; code: "noValidRows" | "notFound" | "columnsMissing" };

/**
 * Creates accounts with one-time passwords and must_change_password set, in one
 * transaction; a line whose username was taken meanwhile is skipped. Returns the
 * passwords, once. Used by the commit and by seed scripts.
 */
export async function createAccounts(
  db: Db,
  actor: Actor,
  accounts: NewAccount[],
  source: { batchId?: number; filename?: string } = {},
): Promise<CreateAccountsResult> {
  const inScopeAccounts = accounts.filter((a) => coversUnit(actor, a.unitId));
  if (inScopeAccounts.length === 0) return { ok: false, code: "noValidRows" };
  // Hash first (argon2, ~10 ms each, off the event loop), then write at once.
  const prepared: (NewAccount & { password: string; passwordHash: string })[] = [];
  for (const account of inScopeAccounts) {
    const password = generateOneTimePassword();
    prepared.push({ ...account, password, passwordHash: await hashPassword(password) });
  }
  return await transaction(db, async (db): Promise<CreateAccountsResult> => {
    if (source.batchId !== undefined) {
      const gone = changedRows(await db.delete(importBatches).where(and(eq(importBatches.id, source.batchId), eq(importBatches.userId, actor.id))));
      if (gone === 0) return { ok: false, code: "notFound" };
    }
    const created: CreatedAccount[] = [];
    for (const a of prepared) {
      if (await firstRow(db.select({ id: users.id }).from(users).where(eq(users.username, a.username)))) continue;
      const unit = await firstRow(db.select({ name: units.name }).from(units).where(eq(units.id, a.unitId)));
      const body =
        a.bodyId === null
          ? undefined
          : await firstRow(
              db
                .select({ name: bodies.name })
                .from(bodies)
                .where(and(eq(bodies.id, a.bodyId), eq(bodies.unitId, a.unitId))),
            );
      if (!unit || (a.bodyId !== null && !body)) continue;
      const row = await returnedRow(
        db
          .insert(users)
          .values({
            username: a.username,
            fullName: a.fullName,
            role: a.role,
            unitId: a.unitId,
            bodyId: a.bodyId,
            passwordHash: a.passwordHash,
            mustChangePassword: true,
          })
          .returning({ id: users.id }),
      );
      if (a.role === "scanner") for (const siteId of a.siteIds) await db.insert(siteStaff).values({ siteId, userId: row.id }).onConflictDoNothing();
      await recordAudit(db, {
        userId: actor.id,
        action: "create",
        entity: "user",
        entityId: row.id,
        after: {
          username: a.username,
          fullName: a.fullName,
          role: a.role,
          unitId: a.unitId,
          bodyId: a.bodyId,
          siteIds: a.siteIds,
          mustChangePassword: true,
          importBatchId: source.batchId ?? null,
        },
      });
      created.push({ username: a.username, fullName: a.fullName, role: a.role, unitName: unit.name, bodyName: body?.name ?? null, password: a.password });
    }
    if (created.length === 0) return { ok: false, code: "noValidRows" };
    await recordAudit(db, {
      userId: actor.id,
      action: "import",
      entity: "user",
      entityId: source.batchId ?? "-",
      after: { filename: source.filename ?? null, created: created.map((c) => c.username), skipped: accounts.length - created.length },
    });
    return { ok: true, created, skipped: accounts.length - created.length };
  });
}

/** Commits the actor's batch: its valid lines become accounts; lines with errors are skipped. */
export async function commitUsersBatch(db: Db, actor: Actor, batchId: number): Promise<CreateAccountsResult> {
  const preview = await previewUsersBatch(db, actor, batchId);
  if (!preview.ok) return { ok: false, code: preview.code };
  const valid = preview.rows.filter((r) => r.errors.length === 0);
  const result = await createAccounts(
    db,
    actor,
    valid.map((r) => ({ username: r.username, fullName: r.fullName, role: r.role!, unitId: r.unitId!, bodyId: r.bodyId, siteIds: r.siteIds })),
    { batchId, filename: preview.filename },
  );
  if (!result.ok) return result;
  return { ok: true, created: result.created, skipped: result.skipped + preview.rows.length - valid.length };
}

/** For seed scripts and tests: check a list given as header + rows and create its valid lines at once. */
export async function importUserRows(
  db: Db,
  actor: Actor,
  headers: string[],
  rows: string[][],
): Promise<CreateAccountsResult & { errors?: { line: number; errors: UserRowError[] }[] }> {
  const checked = await checkUserRows(db, actor, headers, rows);
  if (!checked.ok) return { ok: false, code: "columnsMissing" };
  const valid = checked.rows.filter((r) => r.errors.length === 0);
  const errors = checked.rows.filter((r) => r.errors.length > 0).map((r) => ({ line: r.line, errors: r.errors }));
  if (valid.length === 0) return { ok: false, code: "noValidRows", errors };
  const result = await createAccounts(
    db,
    actor,
    valid.map((r) => ({ username: r.username, fullName: r.fullName, role: r.role!, unitId: r.unitId!, bodyId: r.bodyId, siteIds: r.siteIds })),
  );
  return result.ok ? { ...result, skipped: result.skipped + errors.length, errors } : { ...result, errors };
}
