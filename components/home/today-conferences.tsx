import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/ui/status-badge";
import type { listConferences } from "@/lib/conferences/list-conferences";
import { formatDate, formatRange } from "@/lib/time/format";

export async function TodayConferences({ rows, now }: { rows: Awaited<ReturnType<typeof listConferences>>; now: Date }) {
  const t = await getTranslations();
  return (
    <section className="card" aria-labelledby="today-title">
      <h2 id="today-title">{t("home.todayTitle", { date: formatDate(now) })}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("home.todayNone")}</p>
      ) : (
        <ul className="item-list">
          {rows.map((c) => (
            <li key={c.id}>
              <Link href={`/conferences/${c.id}`} className="item-title">
                {c.title}
              </Link>
              <div className="item-meta">
                <span>{formatRange(c.startsAt, c.endsAt)}</span>
                <span>{c.bodyName}</span>
                <StatusBadge status={c.status} label={t(`conferenceStatus.${c.status}`)} />
                <span>{t("home.invitedPresent", { present: c.present, invited: c.invited })}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
