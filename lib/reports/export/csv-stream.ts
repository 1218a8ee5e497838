/**
 * A report table as CSV, streamed: rows are read as the client takes them (UTF-8 with BOM, so
 * Excel reads Vietnamese). CSV is for other programs and mail merge, so its values are written
 * the one way every locale reads (issue 14; docs/decisions/0010): dates "yyyy-MM-dd" and times
 * "yyyy-MM-dd HH:mm" (ISO 8601, Vietnam time), rates as percentages with a dot and one decimal
 * ("94.5"), counts as plain integers. For people, the XLSX export is the one to open.
 */
import { csvCell } from "@/lib/http/csv";
import { zonedDateKey } from "@/lib/time/zone";
import type { Column, ReportTable } from "./table";

const clock = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

function cell<Row>(column: Column<Row>, row: Row): string {
  const v = column.value(row);
  if (v === null || v === undefined) return "";
  const type = column.cellType?.(row) ?? column.type;
  if (v instanceof Date) return type === "date" ? zonedDateKey(v) : `${zonedDateKey(v)} ${clock.format(v)}`;
  if (type === "percent" && typeof v === "number") return (v * 100).toFixed(1);
  return csvCell(v as string | number);
}

export function csvStream<Row>(table: ReportTable<Row>, onDone?: () => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const rows = (Symbol.asyncIterator in table.rows ? table.rows[Symbol.asyncIterator]() : (table.rows as Iterable<Row>)[Symbol.iterator]()) as
    AsyncIterator<Row> | Iterator<Row>;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${table.columns.map((c) => csvCell(c.header)).join(",")}\r\n`));
      }
      const lines: string[] = [];
      for (let i = 0; i < 500; i++) {
        const next = await rows.next();
        if (next.done) {
          if (lines.length) controller.enqueue(encoder.encode(lines.join("")));
          controller.close();
          onDone?.();
          return;
        }
        lines.push(`${table.columns.map((c) => cell(c, next.value)).join(",")}\r\n`);
      }
      controller.enqueue(encoder.encode(lines.join("")));
    },
    cancel() {
      onDone?.();
    },
  });
}
