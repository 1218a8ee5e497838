/**
 * Column mapping and row checks for the import. Headers are matched without
 * diacritics or case, so "Họ và tên", "HO VA TEN" and "Họ tên" all map to the name.
 */
import { z } from "zod";
import { normalizePhone } from "@/lib/schemas/people";
import { toNfc } from "@/lib/schemas/text";
import { foldForSearch } from "@/lib/text/fold";

export const IMPORT_FIELDS = ["fullName", "position", "workplace", "phone", "email", "isPartyMember", "category", "externalCode"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** field → column index, or -1 when not imported. */
export type Mapping = Record<ImportField, number>;

export const mappingSchema = z.object(Object.fromEntries(IMPORT_FIELDS.map((f) => [f, z.number().int().min(-1).max(500)])) as Record<ImportField, z.ZodNumber>);

const SYNONYMS: Record<ImportField, string[]> = {
  fullName: ["ho va ten", "ho ten", "ten", "full name", "name", "dai bieu"],
  position: ["chuc vu", "chuc danh", "position", "title"],
  workplace: ["don vi", "noi cong tac", "co quan", "don vi cong tac", "workplace"],
  phone: ["so dien thoai", "dien thoai", "sdt", "so dt", "phone", "mobile"],
  email: ["email", "thu dien tu", "e-mail"],
  isPartyMember: ["dang vien", "la dang vien", "party member"],
  category: ["thanh phan", "doi tuong", "category"],
  externalCode: ["ma", "ma so", "ma dai bieu", "ma can bo", "code", "id"],
};

export function defaultMapping(headers: string[], remembered?: Partial<Record<ImportField, string>>): Mapping {
  const folded = headers.map(foldForSearch);
  const mapping = {} as Mapping;
  for (const field of IMPORT_FIELDS) {
    const rememberedIndex = remembered?.[field] ? folded.indexOf(foldForSearch(remembered[field]!)) : -1;
    mapping[field] = rememberedIndex >= 0 ? rememberedIndex : folded.findIndex((h) => SYNONYMS[field].includes(h));
  }
  return mapping;
}

const YES = new Set(["x", "co", "1", "dang vien", "true", "yes", "dv", "có"]);

export interface MappedRow {
  /** 1-based line number in the file, the header being line 1. */
  line: number;
  fullName: string;
  position: string;
  workplace: string;
  phone: string | null;
  email: string | null;
  isPartyMember: boolean;
  category: string;
  externalCode: string | null;
}

export type RowError = { line: number; code: "nameMissing" | "phoneInvalid" | "emailInvalid" | "codeDuplicate" | "tooLong"; detail?: string };

export function mapRows(rows: string[][], mapping: Mapping): { valid: MappedRow[]; errors: RowError[] } {
  const cell = (row: string[], field: ImportField) => (mapping[field] >= 0 ? toNfc(row[mapping[field]] ?? "").trim() : "");
  const seenCodes = new Map<string, number>();
  const valid: MappedRow[] = [];
  const errors: RowError[] = [];
  rows.forEach((row, i) => {
    const line = i + 2;
    const fullName = cell(row, "fullName").replace(/\s+/g, " ");
    if (!fullName) return void errors.push({ line, code: "nameMissing" });
    const phone = normalizePhone(cell(row, "phone"));
    if (phone === "invalid") return void errors.push({ line, code: "phoneInvalid", detail: cell(row, "phone") });
    const email = cell(row, "email") || null;
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return void errors.push({ line, code: "emailInvalid", detail: email });
    const code = cell(row, "externalCode") || null;
    if (code) {
      const first = seenCodes.get(code);
      if (first) return void errors.push({ line, code: "codeDuplicate", detail: `${code} (${first})` });
      seenCodes.set(code, line);
    }
    const mapped: MappedRow = {
      line,
      fullName,
      position: cell(row, "position"),
      workplace: cell(row, "workplace"),
      phone,
      email,
      isPartyMember: YES.has(foldForSearch(cell(row, "isPartyMember"))) || YES.has(cell(row, "isPartyMember").toLowerCase()),
      category: cell(row, "category"),
      externalCode: code,
    };
    if (mapped.fullName.length > 120 || mapped.position.length > 200 || mapped.workplace.length > 300 || (code?.length ?? 0) > 60) {
      return void errors.push({ line, code: "tooLong" });
    }
    valid.push(mapped);
  });
  return { valid, errors };
}
