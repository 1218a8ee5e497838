import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/ui/status-badge";
import type { listConferences } from "@/lib/conferences/list-conferences";
import { formatRange } from "@/lib/time/format";

/** `listQuery`: the list's filters, carried to each conference so that its "back to the list" keeps them. */
export async function ConferenceTable({
  rows,
  listQuery = "",
  testId = "conference-table",
}: {
  rows: Awaited<ReturnType<typeof listConferences>>;
  listQuery?: string;
  testId?: string;
}) {
  const t = await getTranslations();
  if (rows.length === 0) return <p className="muted">{t("conferences.empty")}</p>;
  const suffix = listQuery ? `?list=${encodeURIComponent(listQuery)}` : "";
  return (
    <table className="table stack-on-phone conference-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t("conferences.time")}</th>
          <th scope="col">{t("conferences.conference")}</th>
          <th scope="col">{t("conferences.unit")}</th>
          <th scope="col">{t("conferences.status")}</th>
          <th scope="col" className="num">
            {t("conferences.invited")}
          </th>
          <th scope="col" className="num">
            {t("conferences.present")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.id}>
            <td data-label={t("conferences.time")} className="nowrap">
              {formatRange(c.startsAt, c.endsAt)}
            </td>
            <td data-label={t("conferences.conference")}>
              <Link href={`/conferences/${c.id}${suffix}`}>{c.title}</Link>
              <div className="muted small">{c.bodyName}</div>
            </td>
            <td data-label={t("conferences.unit")}>{c.unitName}</td>
            <td data-label={t("conferences.status")}>
              <StatusBadge status={c.status} label={t(`conferenceStatus.${c.status}`)} />
            </td>
            <td data-label={t("conferences.invited")} className="num">
              {c.invited}
            </td>
            <td data-label={t("conferences.present")} className="num">
              {c.present}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
