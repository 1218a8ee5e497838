/**
 * The progress board: units × required conference kinds. Requirements are
 * per unit kind, so columns are the distinct kinds (organising body kind plus
 * co-organiser kinds) across all of them; a unit not required to hold a kind
 * gets an empty cell.
 */
import type { CellStatus, Board, BoardCell } from "./get-board";

export interface BoardColumn {
  key: string;
  bodyKind: string;
  coBodyKinds: string[];
}

export interface BoardRow {
  unit: Board["rows"][number]["unit"];
  cells: (BoardCell | null)[];
  held: number;
  required: number;
}

const columnKey = (bodyKind: string, coBodyKinds: string[]) => [bodyKind, ...[...coBodyKinds].sort()].join("+");

export function boardView(progress: Board, statusFilter?: CellStatus) {
  const columns: BoardColumn[] = [];
  const columnOf = new Map<number, number>();
  const sorted = [...progress.requirements].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  for (const r of sorted) {
    const key = columnKey(r.bodyKind, r.coBodyKinds);
    let index = columns.findIndex((c) => c.key === key);
    if (index === -1) index = columns.push({ key, bodyKind: r.bodyKind, coBodyKinds: r.coBodyKinds }) - 1;
    columnOf.set(r.id, index);
  }

  const allRows: BoardRow[] = progress.rows.map((row) => {
    const cells: (BoardCell | null)[] = columns.map(() => null);
    for (const cell of row.cells) cells[columnOf.get(cell.requirementId)!] = cell;
    return { unit: row.unit, cells, held: row.cells.filter((c) => c.status === "held").length, required: row.cells.length };
  });
  const rows = statusFilter ? allRows.filter((r) => r.cells.some((c) => c?.status === statusFilter)) : allRows;
  const columnTotals = columns.map((_, i) => {
    const cells = rows.map((r) => r.cells[i]).filter((c): c is BoardCell => c !== null);
    return { held: cells.filter((c) => c.status === "held").length, required: cells.length };
  });
  return { columns, rows, columnTotals };
}
