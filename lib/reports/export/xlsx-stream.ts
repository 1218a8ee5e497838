/**
 * Report tables as one XLSX workbook, one sheet per table, streamed with
 * exceljs's WorkbookWriter: each row is committed and leaves memory, and the
 * writer pauses while the client has not taken what was sent (backpressure),
 * so 100,000 rows never sit in memory (measured by `npm run bench:reports`).
 *
 * For people (docs/decisions/0010, amendment on the rate format and XLSX): numbers are numbers, rates fractions shown as percentages, dates
 * dates; every column has a width, the header row a filter and stays in view, and the sheet
 * prints landscape on A4, one page wide, the header row repeated on every page.
 */
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { ReportTable } from "./table";

const FORMATS = { int: "#,##0", percent: "0.0%", date: "dd/mm/yyyy", datetime: "dd/mm/yyyy hh:mm", text: "@" } as const;
/** Pause when the client is this far behind. */
const HIGH_WATER = 1 << 20;

/** Dates are written as Vietnam wall-clock times (Excel has no time zones). */
const VN_OFFSET_MS = 7 * 3_600_000;
const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;

export function xlsxStream(tables: ReportTable<unknown>[], onDone?: () => void): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const waitForClient = () =>
    out.readableLength < HIGH_WATER
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const check = () => (out.readableLength < HIGH_WATER || out.destroyed ? resolve() : setTimeout(check, 5));
          check();
        });
  // Runs on while the response streams; every failure ends in the catch below (the stream is destroyed).
  void (async () => {
    try {
      for (const table of tables) {
        const sheet = workbook.addWorksheet(table.sheet, {
          views: [{ state: "frozen", ySplit: 1 }],
          pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" },
        });
        sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
        sheet.columns = table.columns.map((c, i) => ({
          key: String(i),
          header: c.header,
          width: c.width ?? (c.type === "text" ? 28 : 14),
          style: { numFmt: FORMATS[c.type] },
        }));
        sheet.getRow(1).font = { bold: true };
        const mixed = table.columns
          .map((c, i) => [i + 1, c.cellType] as const)
          .filter((e): e is readonly [number, NonNullable<(typeof table.columns)[number]["cellType"]>] => e[1] !== undefined);
        let n = 0;
        for await (const row of table.rows) {
          if (out.destroyed) return;
          const added = sheet.addRow(
            table.columns.map((c) => {
              const v = c.value(row);
              if (v instanceof Date) return new Date(v.getTime() + VN_OFFSET_MS);
              // A calendar day ("2021-03-20") of a date column: that day, as a date cell.
              if (c.type === "date" && typeof v === "string" && DATE_KEY.test(v)) return new Date(`${v}T00:00:00Z`);
              return v;
            }),
          );
          for (const [column, typeOf] of mixed) added.getCell(column).numFmt = FORMATS[typeOf(row)];
          added.commit();
          if (++n % 200 === 0) await waitForClient();
        }
        sheet.commit();
      }
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    } finally {
      onDone?.();
    }
  })();
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
