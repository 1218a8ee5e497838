import { getTranslations } from "next-intl/server";
import type { Board } from "@/lib/board/get-board";
import { formatDate, formatDateKey } from "@/lib/time/format";

/** The day the last required conference was held: the day a complete campaign was completed. */
export function completedAtOf(progress: Board): Date | null {
  let last: Date | null = null;
  for (const row of progress.rows)
    for (const cell of row.cells) if (cell.status === "held" && cell.startsAt && (!last || cell.startsAt > last)) last = cell.startsAt;
  return last;
}

/**
 * Where the campaign stands against its deadline, said plainly (home page and board): days left
 * while it runs; once the deadline has passed, the day it was completed, or the day it ended and
 * how many required conferences were never held — never "overdue by 2,072 days" in red for a
 * campaign long over.
 */
export async function CampaignState({ progress, days }: { progress: Board; days: number }) {
  const t = await getTranslations();
  const { campaign, totals } = progress;
  const complete = totals.required > 0 && totals.held === totals.required;
  if (days >= 0) return complete ? <strong className="text-ok">{t("home.complete")}</strong> : <strong>{t("home.daysLeft", { days })}</strong>;
  if (complete) {
    const completedAt = completedAtOf(progress);
    return (
      <strong className="text-ok">{t("polish.home.completedOn", { date: completedAt ? formatDate(completedAt) : formatDateKey(campaign.deadline) })}</strong>
    );
  }
  return <strong>{t("polish.home.endedWithGaps", { date: formatDateKey(campaign.deadline), count: totals.required - totals.held })}</strong>;
}
