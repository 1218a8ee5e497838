import ExcelJS from "exceljs";
import { toCsv } from "@/lib/http/csv";
import type { InvitationRow } from "./list-invitations";

type Translate = (key: string) => string;

const HEADERS = ["fullName", "position", "workplace", "unit", "site", "letterNumber", "status", "substitute", "token", "link"] as const;

function table(rows: InvitationRow[], t: Translate, baseUrl: string) {
  const header = HEADERS.map((h) => t(`invitations.export.${h}`));
  const body = rows.map((r) => [
    r.fullName,
    r.position,
    r.workplace,
    r.unitName,
    r.siteVenue,
    r.letterNumber ?? "",
    t(`invitationStatus.${r.status}`),
    r.substituteName ?? "",
    r.status === "issued" ? (r.token ?? "") : "",
    r.status === "issued" && r.token ? `${baseUrl}/i/${r.token}` : "",
  ]);
  return { header, body };
}

/** For mail merge: name, position, unit, site, letter number, token and personal link. */
export function invitationsCsv(rows: InvitationRow[], t: Translate, baseUrl: string): string {
  const { header, body } = table(rows, t, baseUrl);
  return toCsv(header, body);
}

export async function invitationsXlsx(rows: InvitationRow[], t: Translate, baseUrl: string): Promise<Buffer> {
  const { header, body } = table(rows, t, baseUrl);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Quán Triệt";
  const sheet = workbook.addWorksheet(t("invitations.export.sheet"));
  sheet.addRow(header).font = { bold: true };
  // Text cells only: a name starting with "=" stays text, never a formula.
  for (const row of body) sheet.addRow(row.map((v) => ({ richText: [{ text: String(v) }] })));
  sheet.columns.forEach((column, i) => {
    column.width = [28, 26, 30, 22, 28, 16, 14, 24, 40, 50][i];
  });
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
