/**
 * Reads an uploaded list into header + rows of text. CSV: UTF-8 with or without
 * BOM, or UTF-16 with BOM (Excel's "Unicode text"); comma, semicolon or tab.
 * XLSX: the first worksheet. Anything else is refused with a reason the user
 * can act on (for a broken CSV, the line where it breaks); nothing is written.
 */
import ExcelJS from "exceljs";
import { nextTurn } from "./next-turn";

export const MAX_ROWS = 100_000;
export const MAX_BYTES = 20 * 1024 * 1024;

export type ParseError =
  | "empty"
  | "tooLarge"
  | "tooManyRows"
  | "notUtf8"
  | "badXlsx"
  | "unsupported"
  | "noHeader"
  | "noRows"
  | "csvUnclosedQuote"
  | "csvStrayQuote"
  | "csvTooManyColumns";
/** Where a CSV breaks: the 1-based line of the file, and for too many columns, how many. */
export type ParseErrorValues = { line: number; count?: number; expected?: number };
export type ParsedFile = { ok: true; headers: string[]; rows: string[][] } | { ok: false; code: ParseError; values?: ParseErrorValues };
type CsvResult = { ok: true; rows: string[][] } | { ok: false; code: "csvUnclosedQuote" | "csvStrayQuote" | "csvTooManyColumns"; values: ParseErrorValues };

function decodeText(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

const DELIMITERS = [",", ";", "\t"] as const;
const SAMPLE_LINES = 50;
const PARSE_SLICE_LINES = 5_000;

/**
 * The delimiter that splits the first lines most consistently: for each of , ; tab,
 * how many of the first SAMPLE_LINES lines hold as many of it (outside quotes) as the
 * header does; ties go to the one giving more columns, then to the comma.
 */
export function guessDelimiter(text: string): string {
  const perLine: Record<string, number>[] = [];
  let current: Record<string, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  let blank = true;
  for (let i = 0; i < text.length && perLine.length < SAMPLE_LINES; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) {
      if (!blank) perLine.push(current);
      current = { ",": 0, ";": 0, "\t": 0 };
      blank = true;
      continue;
    } else if (!quoted && c in current) current[c]++;
    if (c.trim() !== "") blank = false;
  }
  if (!blank && perLine.length < SAMPLE_LINES) perLine.push(current);
  const header = perLine[0];
  if (!header) return ",";
  const score = (d: string) => [header[d] > 0 ? perLine.filter((l) => l[d] === header[d]).length : 0, header[d]];
  return [...DELIMITERS].sort((a, b) => {
    const [sa, sb] = [score(a), score(b)];
    return sb[0] - sa[0] || sb[1] - sa[1];
  })[0];
}

/**
 * Strict RFC 4180 CSV. Refused, with the 1-based line where it breaks: a quote that
 * is opened and never closed, a quote inside an unquoted cell or text after a closing
 * quote, and a row with more (non-empty) cells than the header. Blank lines are skipped.
 * Pauses for the event loop every PARSE_SLICE_LINES lines (100,000 rows take ~½ s).
 */
export async function parseCsv(text: string): Promise<CsvResult> {
  const delimiter = guessDelimiter(text);
  const rows: { line: number; cells: string[] }[] = [];
  let row: string[] = [];
  let field = "";
  let state: "unquoted" | "quoted" | "closed" = "unquoted";
  let line = 1;
  let rowLine = 1;
  let quoteLine = 1;
  const endRow = () => {
    row.push(field);
    if (row.some((cell) => cell.trim() !== "")) rows.push({ line: rowLine, cells: row });
    row = [];
    field = "";
    state = "unquoted";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const newline = c === "\n" || c === "\r";
    if (newline && c === "\r" && text[i + 1] === "\n") i++;
    if (state === "quoted") {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') state = "closed";
      else {
        field += newline ? "\n" : c;
        if (newline) line++;
      }
    } else if (c === delimiter) {
      row.push(field);
      field = "";
      state = "unquoted";
    } else if (newline) {
      endRow();
      line++;
      rowLine = line;
      if (line % PARSE_SLICE_LINES === 0) await nextTurn();
    } else if (state === "closed") {
      if (c.trim() !== "") return { ok: false, code: "csvStrayQuote", values: { line } };
    } else if (c === '"') {
      if (field.trim() !== "") return { ok: false, code: "csvStrayQuote", values: { line } };
      field = "";
      state = "quoted";
      quoteLine = line;
    } else field += c;
  }
  if (state === "quoted") return { ok: false, code: "csvUnclosedQuote", values: { line: quoteLine } };
  if (field !== "" || row.length > 0) endRow();
  const width = rows[0]?.cells.length ?? 0;
  for (const r of rows) {
    if (r.cells.length > width && r.cells.slice(width).some((cell) => cell.trim() !== "")) {
      return { ok: false, code: "csvTooManyColumns", values: { line: r.line, count: r.cells.length, expected: width } };
    }
  }
  return { ok: true, rows: rows.map((r) => r.cells) };
}

async function parseXlsx(bytes: Uint8Array): Promise<string[][] | null> {
  try {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) return [];
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) values.push(row.getCell(c).text ?? "");
      rows.push(values);
    });
    return rows.filter((r) => r.some((cell) => cell.trim() !== ""));
  } catch {
    return null;
  }
}

export async function parseFile(name: string, bytes: Uint8Array): Promise<ParsedFile> {
  if (bytes.length === 0) return { ok: false, code: "empty" };
  if (bytes.length > MAX_BYTES) return { ok: false, code: "tooLarge" };
  const lower = name.toLowerCase();
  let table: string[][] | null;
  if (lower.endsWith(".xlsx")) {
    table = await parseXlsx(bytes);
    if (table === null) return { ok: false, code: "badXlsx" };
  } else if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
    const text = decodeText(bytes);
    if (text === null) return { ok: false, code: "notUtf8" };
    const csv = await parseCsv(text.replace(/^\uFEFF/, ""));
    if (!csv.ok) return csv;
    table = csv.rows;
  } else return { ok: false, code: "unsupported" };
  if (table.length === 0) return { ok: false, code: "empty" };
  const [headers, ...rows] = table;
  if (headers.every((h) => h.trim() === "")) return { ok: false, code: "noHeader" };
  if (rows.length === 0) return { ok: false, code: "noRows" };
  if (rows.length > MAX_ROWS) return { ok: false, code: "tooManyRows" };
  return { ok: true, headers: headers.map((h) => h.trim()), rows: rows.map((r) => r.map((c) => c.trim())) };
}
