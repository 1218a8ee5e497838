import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/lib/time/format";

/** The organiser's task: conferences that ended with nobody checked in, to mark held or cancelled (decision 0022). */
export async function AwaitingConfirmation({ rows }: { rows: { id: number; title: string; endsAt: Date; unitName: string }[] }) {
  if (rows.length === 0) return null;
  const t = await getTranslations("home");
  return (
    <section className="card stack-sm" aria-labelledby="awaiting-title" data-testid="awaiting-confirmation">
      <h2 id="awaiting-title">{t("awaitingTitle", { count: rows.length })}</h2>
      <p className="muted">{t("awaitingHint")}</p>
      <ul className="item-list">
        {rows.map((c) => (
          <li key={c.id}>
            <Link href={`/conferences/${c.id}`}>{c.title}</Link>
            <div className="muted small">{t("awaitingEnded", { unit: c.unitName, at: formatDateTime(c.endsAt) })}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}
