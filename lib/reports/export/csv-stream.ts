/** A report table as CSV, streamed: rows are read as the client takes them (UTF-8 with BOM, so Excel reads Vietnamese). */
import { csvCell } from "@/lib/http/csv";
import { formatDate, formatDateTime } from "@/lib/time/format";
import type { Column, ReportTable } from "./table";

function cell<Row>(column: Column<Row>, row: Row): string {
  const v = column.value(row);
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return column.type === "date" ? formatDate(v) : formatDateTime(v);
  if (column.type === "percent" && typeof v === "number") return (v * 100).toFixed(1);
  return csvCell(v as string | number);
}

export function csvStream<Row>(table: ReportTable<Row>, onDone?: () => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const rows = (Symbol.asyncIterator in table.rows ? table.rows[Symbol.asyncIterator]() : (table.rows as Iterable<Row>)[Symbol.iterator]()) as AsyncIterator<Row> | Iterator<Row>;
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
