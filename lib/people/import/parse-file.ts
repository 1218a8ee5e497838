/**
 * Reads an uploaded list into header + rows of text. CSV: UTF-8 with or without
 * BOM, or UTF-16 with BOM (Excel's "Unicode text"); comma, semicolon or tab.
 * XLSX: the first worksheet. Anything else is refused with a reason the user
 * can act on; nothing is written.
 */
import ExcelJS from "exceljs";

export const MAX_ROWS = 100_000;
export const MAX_BYTES = 20 * 1024 * 1024;

export type ParsedFile = { ok: true; headers: string[]; rows: string[][] } | { ok: false; code: ParseError };
export type ParseError = "empty" | "tooLarge" | "tooManyRows" | "notUtf8" | "badXlsx" | "unsupported" | "noHeader";

function decodeText(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** RFC 4180 CSV with quoted fields; the delimiter is the most frequent of , ; tab in the first line. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [",", ";", "\t"].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ""));
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
    table = parseCsv(text.replace(/^\uFEFF/, ""));
  } else return { ok: false, code: "unsupported" };
  if (table.length === 0) return { ok: false, code: "empty" };
  const [headers, ...rows] = table;
  if (headers.every((h) => h.trim() === "")) return { ok: false, code: "noHeader" };
  if (rows.length > MAX_ROWS) return { ok: false, code: "tooManyRows" };
  return { ok: true, headers: headers.map((h) => h.trim()), rows: rows.map((r) => r.map((c) => c.trim())) };
}
