/**
 * A report table, defined once for both CSV and XLSX: headers, widths and how
 * each cell is typed (numbers as numbers, dates as dates, rates as percentages).
 */
export type CellType = "text" | "int" | "percent" | "date" | "datetime";

export interface Column<Row> {
  header: string;
  type: CellType;
  /** A row whose cell is of another type than the column's (the summary's rate among its counts). */
  cellType?: (row: Row) => CellType;
  width?: number;
  /** A "date" column may also give a calendar day as "yyyy-MM-dd" (a day, not an instant: no time zone to apply). */
  value: (row: Row) => string | number | Date | null;
}

export interface ReportTable<Row> {
  /** The sheet's name (≤ 31 characters, no []:*?/\). */
  sheet: string;
  columns: Column<Row>[];
  rows: Iterable<Row> | AsyncIterable<Row>;
}
