/**
 * A list of who handed in their essay, as the office has it: an uploaded CSV/XLSX (read by the
 * people import's strict reader, docs/decisions/0016-import-parsing.md) or lines pasted from a
 * spreadsheet or a document (the same CSV reader: tab, semicolon or comma). Columns are found by
 * their header, without diacritics or case ("Họ và tên", "HO TEN"); a list without a header
 * (a pasted column of names or QR codes) is read cell by cell.
 */
import { parseCsv, parseFile, type ParseError, type ParseErrorValues } from "@/lib/people/import/parse-file";
import { MAX_ESSAY_BATCH } from "@/lib/schemas/essays";
import { toNfc } from "@/lib/schemas/text";
import { foldForSearch } from "@/lib/text/fold";

export const ESSAY_LIST_FIELDS = ["token", "letterNumber", "code", "fullName", "unit", "date"] as const;
export type EssayListField = (typeof ESSAY_LIST_FIELDS)[number];

/** Header texts, folded, for each column (first match wins). */
const HEADER_ALIASES: Record<EssayListField, string[]> = {
  token: ["ma qr", "qr", "token", "ma giay moi", "ma xac thuc"],
  letterNumber: ["so giay moi", "so gm", "giay moi", "so ky hieu", "so ky hieu giay moi", "letter number", "letter"],
  code: ["ma", "ma so", "ma dai bieu", "ma can bo", "ma nhan su", "ma ca nhan", "code", "person code", "id"],
  fullName: ["ho va ten", "ho ten", "ten", "full name", "name", "dai bieu", "nguoi nop"],
  unit: ["don vi", "co quan", "noi cong tac", "don vi cong tac", "chi bo", "unit", "workplace"],
  date: ["ngay nop", "ngay nop bai", "ngay", "date", "submitted on", "submitted"],
};

const foldHeader = (text: string) => foldForSearch(text.replace(/[.,;:/_()*-]+/g, " "));

/** One line of the list: the file's line number (header = line 1 when there is one) and its cells. */
export interface EssayListRow {
  line: number;
  cells: string[];
}

export interface EssayList {
  /** Which column holds which field; null when the list has no header (cells are read one by one). */
  columns: Partial<Record<EssayListField, number>> | null;
  rows: EssayListRow[];
}

export type EssayListResult = { ok: true; list: EssayList } | { ok: false; code: ParseError | "noList" | "tooManyLines"; values?: ParseErrorValues };

/** The columns a header row names, or null when it names none of them (then it is a data line). */
export function essayListColumns(headers: string[]): Partial<Record<EssayListField, number>> | null {
  const columns: Partial<Record<EssayListField, number>> = {};
  headers.forEach((header, index) => {
    const folded = foldHeader(header);
    const field = ESSAY_LIST_FIELDS.find((f) => columns[f] === undefined && HEADER_ALIASES[f].includes(folded));
    if (field) columns[field] = index;
  });
  return Object.keys(columns).length > 0 ? columns : null;
}

function fromTable(table: string[][]): EssayListResult {
  const cleaned = table.map((r) => r.map((c) => toNfc(c).trim()));
  if (cleaned.length === 0) return { ok: false, code: "noList" };
  const columns = essayListColumns(cleaned[0]);
  const data = columns ? cleaned.slice(1) : cleaned;
  const first = columns ? 2 : 1;
  const rows = data.map((cells, i) => ({ line: first + i, cells })).filter((r) => r.cells.some((c) => c !== ""));
  if (rows.length === 0) return { ok: false, code: columns ? "noRows" : "noList" };
  if (rows.length > MAX_ESSAY_BATCH) return { ok: false, code: "tooManyLines" };
  return { ok: true, list: { columns, rows } };
}

/** An uploaded file (CSV or XLSX). Its first line is a header if it names a known column. */
export async function readEssayFile(name: string, bytes: Uint8Array): Promise<EssayListResult> {
  const parsed = await parseFile(name, bytes);
  if (!parsed.ok) return { ok: false, code: parsed.code, values: parsed.values };
  return fromTable([parsed.headers, ...parsed.rows]);
}

/** Lines pasted into the form. */
export async function readEssayText(text: string): Promise<EssayListResult> {
  if (text.trim() === "") return { ok: false, code: "noList" };
  const csv = await parseCsv(text.replace(/^\uFEFF/, ""));
  if (!csv.ok) return { ok: false, code: csv.code, values: csv.values };
  return fromTable(csv.rows);
}
