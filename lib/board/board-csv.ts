import { toCsv } from "@/lib/http/csv";
import { formatDate } from "@/lib/time/format";
import type { Board } from "./get-board";

type Translate = (key: string) => string;

/** One line per unit and required conference: easy to filter and pivot in Excel. */
export function boardCsv(progress: Board, t: Translate): string {
  const titles = new Map(progress.requirements.map((r) => [r.id, r.title]));
  const rows = progress.rows.flatMap((row) =>
    row.cells.map((cell) => [
      row.unit.code,
      row.unit.name,
      titles.get(cell.requirementId) ?? "",
      t(`cellStatus.${cell.status}`),
      cell.conferenceStatus ? t(`conferenceStatus.${cell.conferenceStatus}`) : "",
      cell.startsAt ? formatDate(cell.startsAt) : "",
      cell.conferenceId ?? "",
    ]),
  );
  return toCsv(
    [
      "board.csv.unitCode",
      "board.csv.unit",
      "board.csv.requirement",
      "board.csv.state",
      "board.csv.conferenceStatus",
      "board.csv.date",
      "board.csv.conferenceId",
    ].map(t),
    rows,
  );
}
