import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CampaignState } from "@/components/home/campaign-state";
import { StatusBadge } from "@/components/ui/status-badge";
import type { boardView } from "@/lib/board/board-view";
import { CELL_STATUSES, type CellStatus, type Board } from "@/lib/board/get-board";
import { getKindLabels } from "@/lib/organisation/get-kind-labels";
import { formatDate, formatDateKey } from "@/lib/time/format";
import { daysUntil } from "@/lib/time/zone";

interface Props {
  progress: Board;
  board: ReturnType<typeof boardView>;
  campaigns: { id: number; title: string }[];
  status?: CellStatus;
  /** The current-campaign selector, shown under the title. */
  selector?: React.ReactNode;
  /** Labels of body kinds (the body_kinds table): kinds are data, not messages. */
}

export async function BoardTable({ progress, board, campaigns, status, selector }: Props) {
  const t = await getTranslations();
  const { campaign, totals } = progress;
  const days = daysUntil(campaign.deadline);
  const kinds = await getKindLabels();
  const columnLabel = (c: (typeof board.columns)[number]) => [c.bodyKind, ...c.coBodyKinds].map((k) => kinds.body(k)).join(" + ");

  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t("board.title")}</h1>
        <a className="button small" href={`/api/campaigns/${campaign.id}/board.csv`} download>
          {t("board.exportCsv")}
        </a>
      </div>
      {selector}
      <p className="campaign-name">{campaign.title}</p>
      <p className="muted">
        {t("home.deadline", { date: formatDateKey(campaign.deadline) })} · <CampaignState progress={progress} days={days} /> ·{" "}
        <span data-testid="board-totals">{t("home.requiredHeld", { held: totals.held, required: totals.required })}</span>
        {totals.awaiting > 0 ? (
          <>
            {" "}
            · <strong data-testid="board-awaiting">{t("board.awaitingTotal", { count: totals.awaiting })}</strong>
          </>
        ) : null}
      </p>
      <form className="filters" method="get" action="/board">
        {campaigns.length > 1 ? (
          <div className="field">
            <label htmlFor="b-campaign">{t("calendar.campaign")}</label>
            <select id="b-campaign" name="campaign" defaultValue={campaign.id}>
              {campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <input type="hidden" name="campaign" value={campaign.id} />
        )}
        <div className="field">
          <label htmlFor="b-status">{t("board.statusFilter")}</label>
          <select id="b-status" name="status" defaultValue={status ?? ""}>
            <option value="">{t("common.all")}</option>
            {CELL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`cellStatus.${s}`)} ({totals[s]})
              </option>
            ))}
          </select>
        </div>
        <div className="filter-actions">
          <button className="button" type="submit">
            {t("common.filter")}
          </button>
          {status ? <Link href={`/board?campaign=${campaign.id}`}>{t("common.clearFilters")}</Link> : null}
        </div>
      </form>
      <div className="table-scroll">
        <table className="table board" data-testid="board">
          <thead>
            <tr>
              <th scope="col">{t("home.unit")}</th>
              {board.columns.map((c) => (
                <th key={c.key} scope="col">
                  {columnLabel(c)}
                </th>
              ))}
              <th scope="col" className="num">
                {t("board.heldOfRequired")}
              </th>
            </tr>
          </thead>
          <tbody>
            {board.rows.length === 0 ? (
              <tr>
                <td colSpan={board.columns.length + 2} className="muted">
                  {t("board.empty")}
                </td>
              </tr>
            ) : null}
            {board.rows.map((row) => (
              <tr key={row.unit.id} data-unit={row.unit.code}>
                <th scope="row">{row.unit.name}</th>
                {row.cells.map((cell, i) =>
                  cell ? (
                    <td key={board.columns[i].key} data-status={cell.status} data-column={board.columns[i].key}>
                      {cell.conferenceId ? (
                        <Link href={`/conferences/${cell.conferenceId}`} className="cell-link">
                          <StatusBadge status={cell.status} label={t(`cellStatus.${cell.status}`)} />
                          {cell.startsAt ? <span className="small">{formatDate(cell.startsAt)}</span> : null}
                          {cell.awaitingConfirmation ? (
                            <span className="small text-danger" data-testid="awaiting-confirmation">
                              {t("board.awaitingCell")}
                            </span>
                          ) : cell.status !== "held" && cell.conferenceStatus && cell.conferenceStatus !== cell.status ? (
                            <span className="small muted">{t(`conferenceStatus.${cell.conferenceStatus}`)}</span>
                          ) : null}
                        </Link>
                      ) : (
                        <StatusBadge status={cell.status} label={t(`cellStatus.${cell.status}`)} />
                      )}
                    </td>
                  ) : (
                    <td key={board.columns[i].key} className="muted not-required" aria-label={t("board.notRequired")}>
                      —
                    </td>
                  ),
                )}
                <td className="num">
                  {row.held}/{row.required}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("conferences.total")}</th>
              {board.columnTotals.map((c, i) => (
                <td key={board.columns[i].key}>{c.required > 0 ? `${c.held}/${c.required}` : "—"}</td>
              ))}
              <td className="num">
                {board.rows.reduce((s, r) => s + r.held, 0)}/{board.rows.reduce((s, r) => s + r.required, 0)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
