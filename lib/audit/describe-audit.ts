/**
 * The audit log as an official reads it (docs/decisions/0024): the action in the user's
 * language ("Phát hành giấy mời"), the object by its name with a link to its
 * page ("Giấy mời của Nguyễn Văn A — Hội nghị …"), and before/after as a list
 * of changed fields with their labels and values (unit names, not ids).
 *
 * One module maps (entity, action) to a label and turns the stored JSON into
 * field changes. The ids a page of entries names are resolved in one batched
 * query per kind of object (units, bodies, people, conferences, users,
 * campaigns, sites, invitations…), never one per row. An action or a field it
 * does not know falls back to a readable generic label, never a raw code.
 */
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  bodies,
  bodyKinds,
  bodyTemplates,
  campaignRequirements,
  campaigns,
  conferences,
  invitations,
  people,
  personMerges,
  sites,
  unitFeeds,
  unitKinds,
  units,
  users,
} from "@/db/schema";
import { formatDate, formatDateTime } from "@/lib/time/format";

/** The translator the module needs (next-intl's, from the page). */
export type AuditTranslator = ((key: string, values?: Record<string, string | number>) => string) & { has: (key: string) => boolean };

/** One stored entry, as searchAudit reads it. */
export interface AuditRow {
  id: number;
  at: Date;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  username: string | null;
  fullName: string | null;
}

export interface FieldChange {
  /** The field's label ("Đơn vị"). */
  label: string;
  /** The value before, readable; null when the entry does not say (a creation). */
  before: string | null;
  /** The value after, readable; null when the entry does not say (a deletion). */
  after: string | null;
}

export interface AuditEntryView {
  id: number;
  at: Date;
  actor: { fullName: string; username: string } | null;
  /** "Phát hành giấy mời". */
  actionLabel: string;
  /** What it was done to, by name, with its page when it has one. */
  object: { label: string; href: string | null };
  changes: FieldChange[];
  /** A merge of two people's records: the one that can be undone from the log. */
  merge?: { id: number; undone: boolean; mergedName: string };
}

// ---------------------------------------------------------------------------------------------
// Labels

/** Entities the log names; each has `auditLog.entities.<entity>` (a noun, lower case). */
export const AUDIT_ENTITIES = [
  "conference",
  "site",
  "invitation",
  "check_in",
  "person",
  "people",
  "user",
  "unit",
  "unit_kind",
  "body",
  "body_kind",
  "body_template",
  "campaign",
  "unit_feed",
] as const;

const capitalise = (text: string) => (text ? text[0].toLocaleUpperCase("vi") + text.slice(1) : text);

/** The entity as a noun: "hội nghị"; "dữ liệu" when unknown. */
export function entityNoun(entity: string, t: AuditTranslator): string {
  return t.has(`auditLog.entities.${entity}`) ? t(`auditLog.entities.${entity}`) : t("auditLog.entities.other");
}

/** The entity as a filter's choice: "Hội nghị". */
export function entityLabel(entity: string, t: AuditTranslator): string {
  return capitalise(entityNoun(entity, t));
}

/**
 * The action in words: its own label when the (entity, action) pair has one ("Phát hành giấy mời"),
 * else a generic verb with the entity ("Sửa đơn vị"), else "Thay đổi {entity}". Never a raw code.
 */
export function actionLabel(entity: string, action: string, t: AuditTranslator): string {
  const own = `auditLog.actions.${entity}.${action}`;
  if (t.has(own)) return t(own);
  const noun = entityNoun(entity, t);
  return t.has(`auditLog.verbs.${action}`) ? t(`auditLog.verbs.${action}`, { entity: noun }) : t("auditLog.verbs.other", { entity: noun });
}

// ---------------------------------------------------------------------------------------------
// Fields: which ids they hold, how their values read

type RefKind = "unit" | "body" | "person" | "conference" | "user" | "campaign" | "site" | "invitation" | "requirement";

/** Fields whose value is the id (or a list of ids) of an object to show by name. */
const REF_FIELDS: Record<string, RefKind> = {
  unitId: "unit",
  parentId: "unit",
  formerUnitId: "unit",
  underUnitId: "unit",
  bodyId: "body",
  coBodyIds: "body",
  personId: "person",
  mergedPersonId: "person",
  keptPersonId: "person",
  conferenceId: "conference",
  userId: "user",
  recordedBy: "user",
  scannerUserId: "user",
  revokedBy: "user",
  staffIds: "user",
  campaignId: "campaign",
  copiedFrom: "campaign",
  siteId: "site",
  siteIds: "site",
  invitationId: "invitation",
  invitationIds: "invitation",
  movedInvitationIds: "invitation",
  revokedInvitationIds: "invitation",
  movedBackInvitationIds: "invitation",
  restoredInvitationIds: "invitation",
  requirementId: "requirement",
};

/** A field that names an object of the entry's own kind (mergedIntoId of a person is a person, of a unit a unit). */
const SELF_REF_FIELDS = ["mergedIntoId", "from", "into"];

const DATE_TIME_FIELDS = new Set([
  "startsAt",
  "endsAt",
  "retiredAt",
  "archivedAt",
  "revokedAt",
  "issuedAt",
  "recordedAt",
  "scannedAt",
  "receivedAt",
  "makeUpAttendedAt",
  "firstScannedAt",
]);
const DATE_FIELDS = new Set(["startDate", "deadline", "dueDate", "date"]);
/** Fields that say nothing to a reader (internal bookkeeping, secrets, the search copy of a name). */
const HIDDEN_FIELDS = new Set([
  "id",
  "searchName",
  "createdAt",
  "updatedAt",
  "createdBy",
  "passwordHash",
  "sessionVersion",
  "token",
  "signingPrivateKey",
  "signingPublicKey",
  "nonce",
  "mergeId",
  "attendeePartyMember",
  "attendeeCategory",
]);
const LIST_SHOWN = 6;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const asId = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d{1,15}$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 ? n : null;
};
const idsIn = (v: unknown): number[] => (Array.isArray(v) ? v : [v]).map(asId).filter((n): n is number => n !== null);

/** The object kind an entity's own id refers to. */
const ENTITY_REF: Partial<Record<string, RefKind>> = {
  conference: "conference",
  site: "site",
  invitation: "invitation",
  person: "person",
  user: "user",
  unit: "unit",
  body: "body",
  campaign: "campaign",
};

function refKindOf(entity: string, field: string): RefKind | undefined {
  if (SELF_REF_FIELDS.includes(field)) return ENTITY_REF[entity];
  return REF_FIELDS[field];
}

// ---------------------------------------------------------------------------------------------
// Resolving the names of a page of entries

interface Names {
  unit: Map<number, { name: string }>;
  body: Map<number, { name: string }>;
  person: Map<number, { name: string }>;
  conference: Map<number, { title: string }>;
  user: Map<number, { name: string; username: string }>;
  campaign: Map<number, { title: string }>;
  site: Map<number, { venue: string; conferenceId: number }>;
  invitation: Map<number, { personId: number; conferenceId: number }>;
  requirement: Map<number, { title: string }>;
  feed: Map<number, { unitId: number }>;
  unitKind: Map<string, string>;
  bodyKind: Map<string, string>;
  template: Map<number, { namePattern: string }>;
  merge: Map<number, { undone: boolean }>;
}

/** Every id the entries name, by kind. */
function collectIds(rows: AuditRow[]) {
  const wanted: Record<RefKind | "feed" | "template" | "merge", Set<number>> = {
    unit: new Set(),
    body: new Set(),
    person: new Set(),
    conference: new Set(),
    user: new Set(),
    campaign: new Set(),
    site: new Set(),
    invitation: new Set(),
    requirement: new Set(),
    feed: new Set(),
    template: new Set(),
    merge: new Set(),
  };
  const visit = (entity: string, value: unknown, depth = 0) => {
    if (!isObject(value) || depth > 2) return;
    for (const [field, v] of Object.entries(value)) {
      const kind = refKindOf(entity, field);
      if (kind && !isObject(v) && !(Array.isArray(v) && v.some(isObject))) for (const id of idsIn(v)) wanted[kind].add(id);
      if (isObject(v)) visit(entity, v, depth + 1);
    }
  };
  for (const row of rows) {
    const own = ENTITY_REF[row.entity];
    const id = asId(row.entityId);
    if (own && id) wanted[own].add(id);
    if (row.entity === "unit_feed" && id) wanted.feed.add(id);
    if (row.entity === "body_template" && id) wanted.template.add(id);
    if (row.entity === "person" && row.action === "merge" && isObject(row.after)) for (const m of idsIn(row.after.mergeId)) wanted.merge.add(m);
    visit(row.entity, row.before);
    visit(row.entity, row.after);
  }
  return wanted;
}

const some = (ids: Set<number>) => (ids.size > 0 ? [...ids] : null);

/** One query per kind of object named on the page (invitations, sites and feeds first: they name people, conferences and units). */
async function resolveNames(db: Db, rows: AuditRow[]): Promise<Names> {
  const wanted = collectIds(rows);
  const names = {} as Names;

  const inv = some(wanted.invitation);
  names.invitation = new Map(
    inv
      ? (
          await db
            .select({ id: invitations.id, personId: invitations.personId, conferenceId: invitations.conferenceId })
            .from(invitations)
            .where(inArray(invitations.id, inv))
        ).map((r) => [r.id, r])
      : [],
  );
  for (const i of names.invitation.values()) {
    wanted.person.add(i.personId);
    wanted.conference.add(i.conferenceId);
  }
  const siteIds = some(wanted.site);
  names.site = new Map(
    siteIds
      ? (await db.select({ id: sites.id, venue: sites.venue, conferenceId: sites.conferenceId }).from(sites).where(inArray(sites.id, siteIds))).map((r) => [
          r.id,
          r,
        ])
      : [],
  );
  for (const s of names.site.values()) wanted.conference.add(s.conferenceId);
  const feedIds = some(wanted.feed);
  names.feed = new Map(
    feedIds
      ? (await db.select({ id: unitFeeds.id, unitId: unitFeeds.unitId }).from(unitFeeds).where(inArray(unitFeeds.id, feedIds))).map((r) => [r.id, r])
      : [],
  );
  for (const f of names.feed.values()) wanted.unit.add(f.unitId);

  const personIds = some(wanted.person);
  names.person = new Map(
    personIds ? (await db.select({ id: people.id, name: people.fullName }).from(people).where(inArray(people.id, personIds))).map((r) => [r.id, r]) : [],
  );
  const conferenceIds = some(wanted.conference);
  names.conference = new Map(
    conferenceIds
      ? (await db.select({ id: conferences.id, title: conferences.title }).from(conferences).where(inArray(conferences.id, conferenceIds))).map((r) => [
          r.id,
          r,
        ])
      : [],
  );
  const unitIds = some(wanted.unit);
  names.unit = new Map(
    unitIds ? (await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds))).map((r) => [r.id, r]) : [],
  );
  const bodyIds = some(wanted.body);
  names.body = new Map(
    bodyIds ? (await db.select({ id: bodies.id, name: bodies.name }).from(bodies).where(inArray(bodies.id, bodyIds))).map((r) => [r.id, r]) : [],
  );
  const userIds = some(wanted.user);
  names.user = new Map(
    userIds
      ? (await db.select({ id: users.id, name: users.fullName, username: users.username }).from(users).where(inArray(users.id, userIds))).map((r) => [r.id, r])
      : [],
  );
  const campaignIds = some(wanted.campaign);
  names.campaign = new Map(
    campaignIds
      ? (await db.select({ id: campaigns.id, title: campaigns.title }).from(campaigns).where(inArray(campaigns.id, campaignIds))).map((r) => [r.id, r])
      : [],
  );
  const requirementIds = some(wanted.requirement);
  names.requirement = new Map(
    requirementIds
      ? (
          await db
            .select({ id: campaignRequirements.id, title: campaignRequirements.title })
            .from(campaignRequirements)
            .where(inArray(campaignRequirements.id, requirementIds))
        ).map((r) => [r.id, r])
      : [],
  );
  const templateIds = some(wanted.template);
  names.template = new Map(
    templateIds
      ? (
          await db.select({ id: bodyTemplates.id, namePattern: bodyTemplates.namePattern }).from(bodyTemplates).where(inArray(bodyTemplates.id, templateIds))
        ).map((r) => [r.id, r])
      : [],
  );
  const mergeIds = some(wanted.merge);
  names.merge = new Map(
    mergeIds
      ? (await db.select({ id: personMerges.id, undoneAt: personMerges.undoneAt }).from(personMerges).where(inArray(personMerges.id, mergeIds))).map((r) => [
          r.id,
          { undone: r.undoneAt !== null },
        ])
      : [],
  );
  // Kinds are short lookup tables: read whole.
  names.unitKind = new Map(
    rows.some((r) => r.entity === "unit" || r.entity === "unit_kind" || r.entity === "body_template")
      ? (await db.select().from(unitKinds)).map((k) => [k.key, k.label])
      : [],
  );
  names.bodyKind = new Map(
    rows.some((r) => r.entity === "body" || r.entity === "body_kind" || r.entity === "body_template")
      ? (await db.select().from(bodyKinds)).map((k) => [k.key, k.label])
      : [],
  );
  return names;
}

// ---------------------------------------------------------------------------------------------
// Turning values into text

class Describer {
  constructor(
    private readonly names: Names,
    private readonly t: AuditTranslator,
  ) {}

  private deleted(kind: string) {
    return this.t("auditLog.deleted", { entity: entityNoun(kind, this.t) });
  }

  /** The name of an object by kind and id; invitations read "Nguyễn Văn A — Hội nghị …" (or only the side the context lacks). */
  ref(kind: RefKind, id: number, context?: string): string {
    const n = this.names;
    switch (kind) {
      case "unit":
        return n.unit.get(id)?.name ?? this.deleted("unit");
      case "body":
        return n.body.get(id)?.name ?? this.deleted("body");
      case "person":
        return n.person.get(id)?.name ?? this.deleted("person");
      case "conference":
        return n.conference.get(id)?.title ?? this.deleted("conference");
      case "user": {
        const u = n.user.get(id);
        return u ? `${u.name} (${u.username})` : this.deleted("user");
      }
      case "campaign":
        return n.campaign.get(id)?.title ?? this.deleted("campaign");
      case "site":
        return n.site.get(id)?.venue ?? this.deleted("site");
      case "requirement":
        return n.requirement.get(id)?.title ?? this.deleted("requirement");
      case "invitation": {
        const i = n.invitation.get(id);
        if (!i) return this.deleted("invitation");
        const person = this.ref("person", i.personId);
        const conference = this.ref("conference", i.conferenceId);
        if (context === "conference") return person;
        if (context === "person") return conference;
        return `${person} — ${conference}`;
      }
    }
  }

  /** A field's label; an unknown field reads as "Thông tin khác (name)". */
  label(entity: string, path: string[]): string {
    const t = this.t;
    const field = path[path.length - 1];
    const own = (f: string) =>
      t.has(`auditLog.entityFields.${entity}.${f}`)
        ? t(`auditLog.entityFields.${entity}.${f}`)
        : t.has(`auditLog.fields.${f}`)
          ? t(`auditLog.fields.${f}`)
          : null;
    const parts = path.map((p) => own(p));
    if (parts.every((p) => p !== null)) return parts.join(" — ");
    return t("auditLog.fields.unknown", { field });
  }

  /** A value as text: names for ids, labels for codes, dates as dd/MM/yyyy, Có/Không. */
  value(entity: string, field: string, v: unknown): string {
    const t = this.t;
    if (v === null || v === undefined || v === "") return t("auditLog.empty");
    const kind = refKindOf(entity, field);
    if (kind && !(Array.isArray(v) && v.some(isObject)) && !isObject(v)) {
      const ids = idsIn(v);
      if (ids.length > 0 || Array.isArray(v)) return this.list(ids.map((id) => this.ref(kind, id, entity)));
    }
    if (typeof v === "boolean") return t(v ? "common.yes" : "common.no");
    if (DATE_TIME_FIELDS.has(field) && (typeof v === "string" || typeof v === "number")) {
      const d = new Date(v);
      return Number.isNaN(d.getTime()) ? String(v) : formatDateTime(d);
    }
    if (DATE_FIELDS.has(field) && typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v)) return formatDate(new Date(`${v.slice(0, 10)}T12:00:00+07:00`));
    if (typeof v === "string") return this.code(entity, field, v);
    if (typeof v === "number") return field === "capacity" || field === "graceMinutes" || field === "sortOrder" ? v.toLocaleString("vi-VN") : String(v);
    if (Array.isArray(v)) {
      const items = v.map((item) =>
        isObject(item) ? this.objectName(entity, item) : typeof item === "string" ? this.code(entity, field, item) : String(item),
      );
      return this.list(items);
    }
    if (isObject(v)) return this.objectName(entity, v);
    return String(v);
  }

  /** A short name for an object stored inside an entry ({id, name}, a requirement, a site). */
  private objectName(entity: string, v: Record<string, unknown>): string {
    for (const key of ["name", "title", "fullName", "venue", "label", "namePattern"]) if (typeof v[key] === "string" && v[key]) return v[key] as string;
    const id = asId(v.id);
    if (id && ENTITY_REF[entity]) return this.ref(ENTITY_REF[entity]!, id);
    return this.t("auditLog.item");
  }

  /** Codes stored as values, in words: a status, a role, a kind, a category, a check-in method, an absence reason. */
  private code(entity: string, field: string, v: string): string {
    const t = this.t;
    const isCode = /^[a-z][a-z0-9_]*$/.test(v);
    const key = !isCode
      ? null
      : field === "status"
        ? entity === "invitation"
          ? `invitationStatus.${v}`
          : `conferenceStatus.${v}`
        : field === "role"
          ? `roles.${v}`
          : field === "category"
            ? `categories.${v}`
            : field === "method"
              ? `auditLog.values.method.${v}`
              : field === "reason" && entity === "invitation"
                ? `reports.reasons.${v}`
                : null;
    if (key && t.has(key)) return t(key);
    if (field === "kind" || field === "unitKind" || field === "bodyKind") {
      const kinds = field === "unitKind" || entity === "unit" ? this.names.unitKind : this.names.bodyKind;
      return kinds.get(v) ?? v;
    }
    if (field === "publicKey") return t("auditLog.keyEnding", { ending: v.replace(/[^A-Za-z0-9]/g, "").slice(-8) });
    return v;
  }

  private list(items: string[]): string {
    if (items.length === 0) return this.t("auditLog.none");
    const shown = items.slice(0, LIST_SHOWN).join("; ");
    return items.length > LIST_SHOWN ? this.t("auditLog.andMore", { list: shown, count: items.length - LIST_SHOWN }) : shown;
  }

  /** Fields of a stored object, nested objects one level down ("Địa điểm chính — Hội trường"). */
  private flatten(value: Record<string, unknown>, prefix: string[] = []): [string[], unknown][] {
    return Object.entries(value).flatMap(([k, v]): [string[], unknown][] => {
      if (HIDDEN_FIELDS.has(k)) return [];
      const path = [...prefix, k];
      // An {id, name} pair (a unit a merge names) is one value; other objects are their fields.
      if (isObject(v) && prefix.length === 0 && !("name" in v || "title" in v)) return this.flatten(v, path);
      return [[path, v]];
    });
  }

  /**
   * Before/after as changed fields. Both sides: the fields the entry recorded after the change, those that differ
   * (a side the entry did not record is a partial snapshot, not a removal). One side: its fields.
   */
  changes(entity: string, before: unknown, after: unknown): FieldChange[] {
    const b = isObject(before) ? new Map(this.flatten(before).map(([p, v]) => [p.join("."), { path: p, v }])) : null;
    const a = isObject(after) ? new Map(this.flatten(after).map(([p, v]) => [p.join("."), { path: p, v }])) : null;
    const empty = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
    const same = (x: unknown, y: unknown) => JSON.stringify(x ?? "") === JSON.stringify(y ?? "");
    const show = (path: string[], v: unknown) => this.value(entity, path[path.length - 1], v);
    const out: FieldChange[] = [];
    if (a) {
      for (const [key, { path, v }] of a) {
        const old = b?.get(key);
        if (old && same(old.v, v)) continue;
        // A creation lists what was filled in, not every empty field.
        if (!old && !b && empty(v)) continue;
        out.push({ label: this.label(entity, path), before: old ? show(path, old.v) : null, after: show(path, v) });
      }
      if (a.size === 0 && b)
        for (const { path, v } of b.values()) if (!empty(v)) out.push({ label: this.label(entity, path), before: show(path, v), after: null });
    } else if (b) {
      for (const { path, v } of b.values()) if (!empty(v)) out.push({ label: this.label(entity, path), before: show(path, v), after: null });
    } else if (before !== null && before !== undefined) {
      out.push({ label: this.t("auditLog.fields.value"), before: String(before), after: after == null ? null : String(after) });
    }
    return out;
  }

  /** The object of an entry by name, with the page it has. */
  object(row: AuditRow): { label: string; href: string | null } {
    const t = this.t;
    const id = asId(row.entityId);
    const snapshot = { ...(isObject(row.before) ? row.before : {}), ...(isObject(row.after) ? row.after : {}) };
    const fallback = (kind: string) => {
      for (const key of ["name", "title", "fullName", "venue", "label", "namePattern", "username"])
        if (typeof snapshot[key] === "string" && snapshot[key]) return snapshot[key] as string;
      return this.deleted(kind);
    };
    const n = this.names;
    switch (row.entity) {
      case "conference":
        return id && n.conference.has(id) ? { label: n.conference.get(id)!.title, href: `/conferences/${id}` } : { label: fallback("conference"), href: null };
      case "invitation": {
        const inv = id ? n.invitation.get(id) : undefined;
        if (!inv) return { label: this.deleted("invitation"), href: null };
        const person = this.ref("person", inv.personId);
        return {
          label: t("auditLog.objects.invitation", { person, conference: this.ref("conference", inv.conferenceId) }),
          href: `/conferences/${inv.conferenceId}/invitations?q=${encodeURIComponent(person)}`,
        };
      }
      case "check_in": {
        const invitationId = isObject(row.before) ? asId(row.before.invitationId) : null;
        const inv = invitationId ? n.invitation.get(invitationId) : undefined;
        if (!inv) return { label: this.deleted("check_in"), href: null };
        return {
          label: t("auditLog.objects.checkIn", { person: this.ref("person", inv.personId), conference: this.ref("conference", inv.conferenceId) }),
          href: `/conferences/${inv.conferenceId}`,
        };
      }
      case "site": {
        const site = id ? n.site.get(id) : undefined;
        if (!site) return { label: fallback("site"), href: null };
        return {
          label: t("auditLog.objects.site", { venue: site.venue, conference: this.ref("conference", site.conferenceId) }),
          href: `/conferences/${site.conferenceId}`,
        };
      }
      case "person":
        return id && n.person.has(id) ? { label: n.person.get(id)!.name, href: `/people/${id}` } : { label: fallback("person"), href: null };
      case "people":
        return { label: t("auditLog.objects.file", { name: row.entityId ?? "" }), href: "/people" };
      case "user":
        if (row.action === "import") return { label: t("auditLog.objects.userImport"), href: "/admin/users" };
        return id && n.user.has(id) ? { label: this.ref("user", id), href: "/admin/users" } : { label: fallback("user"), href: null };
      case "unit":
        if (row.action === "import") return { label: t("auditLog.objects.unitImport", { unit: id ? this.ref("unit", id) : "" }), href: "/admin/units" };
        return id && n.unit.has(id) ? { label: n.unit.get(id)!.name, href: `/admin/units/${id}` } : { label: fallback("unit"), href: null };
      case "unit_kind":
        return { label: (row.entityId && n.unitKind.get(row.entityId)) || fallback("unit_kind"), href: "/admin/units/kinds" };
      case "body":
        return id && n.body.has(id) ? { label: n.body.get(id)!.name, href: "/admin/bodies" } : { label: fallback("body"), href: null };
      case "body_kind":
        return { label: (row.entityId && n.bodyKind.get(row.entityId)) || fallback("body_kind"), href: "/admin/bodies/kinds" };
      case "body_template":
        return { label: (id && n.template.get(id)?.namePattern) || fallback("body_template"), href: "/admin/bodies/templates" };
      case "campaign":
        return id && n.campaign.has(id) ? { label: n.campaign.get(id)!.title, href: `/admin/campaigns/${id}` } : { label: fallback("campaign"), href: null };
      case "unit_feed": {
        const feed = id ? n.feed.get(id) : undefined;
        return { label: feed ? t("auditLog.objects.feed", { unit: this.ref("unit", feed.unitId) }) : this.deleted("unit_feed"), href: "/calendar" };
      }
      default:
        return { label: entityLabel(row.entity, t), href: null };
    }
  }
}

/** A merge's own description: the record that went into this one, and what moved. */
function mergeChanges(d: Describer, row: AuditRow, t: AuditTranslator): FieldChange[] {
  const before = isObject(row.before) ? row.before : {};
  const after = isObject(row.after) ? row.after : {};
  const merged = [before.fullName, before.position, typeof before.unitId === "number" ? d.ref("unit", before.unitId) : null, before.phone]
    .filter((v) => typeof v === "string" && v)
    .join(", ");
  return [
    { label: t("auditLog.entityFields.person.mergedPersonId"), before: merged || null, after: null },
    { label: t("auditLog.fields.movedInvitationIds"), before: null, after: d.value("person", "movedInvitationIds", after.movedInvitationIds ?? []) },
    { label: t("auditLog.fields.revokedInvitationIds"), before: null, after: d.value("person", "revokedInvitationIds", after.revokedInvitationIds ?? []) },
  ];
}

function mergedNameOf(d: Describer, row: AuditRow): string {
  const id = isObject(row.after) ? asId(row.after.mergedPersonId) : null;
  return id ? d.ref("person", id) : "";
}

/** A page of entries, readable: one batched query per kind of object they name. */
export async function describeAuditEntries(db: Db, rows: AuditRow[], t: AuditTranslator): Promise<AuditEntryView[]> {
  const names = await resolveNames(db, rows);
  const d = new Describer(names, t);
  return rows.map((row) => {
    const mergeId = row.entity === "person" && row.action === "merge" && isObject(row.after) ? asId(row.after.mergeId) : null;
    return {
      id: row.id,
      at: row.at,
      actor: row.username ? { fullName: row.fullName ?? row.username, username: row.username } : null,
      actionLabel: actionLabel(row.entity, row.action, t),
      object: d.object(row),
      changes: mergeId ? mergeChanges(d, row, t) : d.changes(row.entity, row.before, row.after),
      ...(mergeId ? { merge: { id: mergeId, undone: names.merge.get(mergeId)?.undone ?? true, mergedName: mergedNameOf(d, row) } } : {}),
    };
  });
}
