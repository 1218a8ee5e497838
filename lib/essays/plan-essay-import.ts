/**
 * The import's preview: each line of the list matched to one invitation of the conference, in
 * the user's part of it (essay-scope.ts; an invitee outside it is "not found", never named).
 * A line names its person by QR code, person code (people.external_code), or full name (with
 * the unit or workplace, and the letter number, to tell two namesakes apart). Each line becomes:
 *
 * - new: an attendee without an essay yet: it will be recorded (on the line's date, or the form's);
 * - already: an attendee whose essay is recorded: left as it is (so re-importing changes nothing);
 * - notAttendee: an invitee who did not attend (no check-in, or a revoked invitation);
 * - notFound / ambiguous: nobody, or several people, fit the line;
 * - duplicate: the same attendee as an earlier line;
 * - badDate: the line's date cannot be read, or is before the conference or after today.
 *
 * Nothing is written here: the commit (recordEssays) checks every matched line again.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { checkIns, conferences, invitations, people, reflectionEssays, sites, units } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { foldForSearch } from "@/lib/text/fold";
import { parseDateInput } from "@/lib/time/parse";
import { normalizeToken } from "@/lib/tokens/normalize-token";
import { essayConference, essayScope } from "./essay-scope";
import type { EssayList, EssayListField, EssayListRow } from "./read-essay-list";
import { ESSAY_IMPORT_STATUSES, type EssayImportLine, type EssayImportStatus } from "./import-state";
import { essayDateProblem } from "./record-essays";

export type EssayImportPlan =
  { ok: true; conferenceId: number; lines: EssayImportLine[]; counts: Record<EssayImportStatus, number> } | { ok: false; code: "notFound" | "cancelled" };

interface Candidate {
  invitationId: number;
  name: string;
  folded: string;
  substitute: string | null;
  code: string | null;
  token: string | null;
  letter: string | null;
  unitName: string;
  unitFolded: string;
  unitCode: string;
  workplace: string;
  attended: boolean;
  submittedOn: string | null;
}

const squeeze = (text: string) => text.replace(/\s+/g, "").toUpperCase();

/** Every issued invitation (walk-ins too) of the conference in the user's part, to match lines against. */
async function candidates(db: Db, user: SessionUser, conferenceId: number): Promise<Candidate[]> {
  // A conference's invitees come from a few units: each unit's name is folded once.
  const unitFolded = new Map<string, string>();
  const foldUnit = (name: string) => unitFolded.get(name) ?? unitFolded.set(name, foldForSearch(name)).get(name)!;
  return (
    await db
      .select({
        invitationId: invitations.id,
        name: people.fullName,
        searchName: people.searchName,
        substitute: invitations.substituteName,
        code: people.externalCode,
        token: invitations.token,
        letter: invitations.letterNumber,
        unitName: units.name,
        unitCode: units.code,
        workplace: people.workplace,
        status: invitations.status,
        checkedIn: checkIns.invitationId,
        submittedOn: reflectionEssays.submittedOn,
      })
      .from(invitations)
      .innerJoin(conferences, eq(conferences.id, invitations.conferenceId))
      .innerJoin(sites, eq(sites.id, invitations.siteId))
      .innerJoin(people, eq(people.id, invitations.personId))
      .innerJoin(units, eq(units.id, people.unitId))
      .leftJoin(checkIns, eq(checkIns.invitationId, invitations.id))
      .leftJoin(reflectionEssays, eq(reflectionEssays.invitationId, invitations.id))
      .where(and(eq(invitations.conferenceId, conferenceId), inArray(invitations.status, ["issued", "revoked"]), essayScope(db, user)))
  ).map((r) => ({
    invitationId: r.invitationId,
    name: r.name,
    folded: r.searchName,
    substitute: r.substitute ? foldForSearch(r.substitute) : null,
    code: r.code ? squeeze(r.code) : null,
    token: r.token,
    letter: r.letter ? squeeze(r.letter) : null,
    unitName: r.unitName,
    unitFolded: foldUnit(r.unitName),
    unitCode: r.unitCode.toUpperCase(),
    workplace: r.workplace ?? "",
    // Revoked invitations are matched (so the line says "did not attend", not "not found") but are never attendees.
    attended: r.checkedIn !== null && r.status === "issued",
    submittedOn: r.submittedOn,
  }));
}

/** Whether a unit cell fits the person: their unit's name or code, or their workplace (either way of containing). */
function unitFits(c: Candidate, unit: string): boolean {
  const folded = foldForSearch(unit);
  if (c.unitCode === unit.toUpperCase()) return true;
  // The workplace is folded only here: most lines name nobody's namesake and never get this far.
  return [c.unitFolded, foldForSearch(c.workplace)].some((own) => own !== "" && (own === folded || own.includes(folded) || folded.includes(own)));
}

interface PoolIndex {
  all: Candidate[];
  byToken: Map<string, Candidate>;
  byCode: Map<string, Candidate[]>;
  /** By folded name, and by the folded name of a substitute who came in the invitee's place. */
  byName: Map<string, Candidate[]>;
}

function indexPool(pool: Candidate[]): PoolIndex {
  const byToken = new Map(pool.filter((c) => c.token).map((c) => [c.token!, c]));
  const push = <K>(map: Map<K, Candidate[]>, key: K, c: Candidate) => {
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  };
  const byCode = new Map<string, Candidate[]>();
  const byName = new Map<string, Candidate[]>();
  for (const c of pool) {
    if (c.code) push(byCode, c.code, c);
    push(byName, c.folded, c);
    if (c.substitute && c.substitute !== c.folded) push(byName, c.substitute, c);
  }
  return { all: pool, byToken, byCode, byName };
}

/** The candidates a line names; several when it cannot tell them apart. */
function match(cells: string[], fields: Partial<Record<EssayListField, number>> | null, index: PoolIndex): Candidate[] {
  const cell = (field: EssayListField) => (fields && fields[field] !== undefined ? (cells[fields[field]!] ?? "").trim() : "");
  const byToken = (text: string) =>
    normalizeToken(text)
      .map((reading) => index.byToken.get(reading))
      .filter((c): c is Candidate => c !== undefined);
  const byCode = (text: string) => index.byCode.get(squeeze(text)) ?? [];

  let name = cell("fullName");
  let unit = cell("unit");
  let letter = cell("letterNumber");
  if (fields) {
    const token = cell("token");
    if (token) {
      const found = byToken(token);
      if (found.length > 0) return found;
    }
    const code = cell("code");
    if (code && byCode(code).length > 0) return byCode(code);
    if (!name && !letter) return [];
  } else {
    // No header: any cell may be a QR code or a person code; the first other text is the name, the next the unit.
    const texts: string[] = [];
    for (const text of cells.filter(Boolean)) {
      const found = byToken(text);
      if (found.length > 0) return found;
      if (byCode(text).length > 0) return byCode(text);
      if (parseDateInput(text)) continue;
      texts.push(text);
    }
    [name = "", unit = ""] = texts;
    letter = "";
  }
  let found = name ? (index.byName.get(foldForSearch(name)) ?? []) : index.all;
  if (letter) {
    const wanted = squeeze(letter);
    found = found.filter((c) => c.letter !== null && (c.letter === wanted || c.letter.split("-")[0] === wanted));
  }
  // The unit tells namesakes apart; for a single namesake, a unit that does not fit means someone else.
  if (unit) found = found.filter((c) => unitFits(c, unit));
  return name || letter ? found : [];
}

/** The preview of a list for a conference: one line per list line, nothing written. */
export async function planEssayImport(
  db: Db,
  user: SessionUser,
  conferenceId: number,
  list: EssayList,
  defaultDate: string,
  now = new Date(),
): Promise<EssayImportPlan> {
  const conference = await essayConference(db, user, conferenceId);
  if (!conference) return { ok: false, code: "notFound" };
  if (conference.status === "cancelled") return { ok: false, code: "cancelled" };
  const index = indexPool(await candidates(db, user, conference.id));
  const seen = new Set<number>();
  const counts = Object.fromEntries(ESSAY_IMPORT_STATUSES.map((s) => [s, 0])) as Record<EssayImportStatus, number>;
  const lines = list.rows.map((row: EssayListRow): EssayImportLine => {
    const text = row.cells.filter(Boolean).join(" · ").slice(0, 200);
    const line = (l: Omit<EssayImportLine, "line" | "text">): EssayImportLine => {
      counts[l.status]++;
      return { line: row.line, text, ...l };
    };
    const found = match(row.cells, list.columns, index);
    if (found.length === 0) return line({ status: "notFound" });
    if (found.length > 1) return line({ status: "ambiguous", candidates: found.length });
    const c = found[0];
    const who = { invitationId: c.invitationId, name: c.name, unitName: c.unitName };
    if (!c.attended) return line({ status: "notAttendee", ...who });
    if (seen.has(c.invitationId)) return line({ status: "duplicate", ...who });
    seen.add(c.invitationId);
    if (c.submittedOn) return line({ status: "already", ...who, submittedOn: c.submittedOn });
    const dateCell = list.columns?.date !== undefined ? (row.cells[list.columns.date] ?? "").trim() : "";
    const day = dateCell ? parseDateInput(dateCell) : defaultDate;
    if (!day) return line({ status: "badDate", ...who, dateProblem: "format" });
    const problem = essayDateProblem(conference, day, now);
    if (problem) return line({ status: "badDate", ...who, submittedOn: day, dateProblem: problem.code === "dateInFuture" ? "future" : "beforeConference" });
    return line({ status: "new", ...who, submittedOn: day });
  });
  return { ok: true, conferenceId: conference.id, lines, counts };
}
