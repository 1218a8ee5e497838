import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EssayImportClient } from "@/components/essays/essay-import-client";
import { EssayMarkingClient } from "@/components/essays/essay-marking-client";
import { EssayTable } from "@/components/essays/essay-table";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { essayConference } from "@/lib/essays/essay-scope";
import { essayCountsOfPart, listEssays } from "@/lib/essays/list-essays";
import { can } from "@/lib/permissions";
import { essayRate } from "@/lib/reports/attendance-rules";
import { formatRate } from "@/lib/reports/format-rate";
import { parseId } from "@/lib/http/request-input";
import { ESSAY_STATES, parseEssayFilter } from "@/lib/schemas/essays";
import { formatDateKey, formatRange } from "@/lib/time/format";
import { zonedDateKey } from "@/lib/time/zone";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const FORM_ID = "essay-mark-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("essays"))("title") };
}

/**
 * Bài thu hoạch: who of a conference's attendees handed in their reflection essay. Readers of
 * the conference's attendance see it; organisers and admins mark, unmark and import.
 */
export default async function ConferenceEssaysPage({ params, searchParams }: Props) {
  const user = await requirePageUser("report:read");
  const id = parseId((await params).id);
  const conference = id ? await essayConference(db, user, id) : null;
  if (!conference) notFound();
  const filter = parseEssayFilter(await searchParams);
  const t = await getTranslations("essays");
  const common = await getTranslations("common");
  const counts = await essayCountsOfPart(db, user, conference.id);
  const list = await listEssays(db, user, conference.id, { state: filter.state, search: filter.q, page: filter.page });
  const canRecord = can(user.role, "essay:record") && conference.status !== "cancelled";
  const today = formatDateKey(zonedDateKey(new Date()));
  const query = new URLSearchParams(Object.entries({ state: filter.state, q: filter.q }).filter((e): e is [string, string] => e[1] !== undefined));
  const pageHref = (page: number) => `?${new URLSearchParams({ ...Object.fromEntries(query), page: String(page) })}`;
  const figures: [string, string | number, string?][] = [
    ["present", counts.present],
    ["submitted", counts.submitted],
    ["missing", counts.present - counts.submitted],
    ["rate", formatRate(essayRate(counts, counts)), t("figure.rateDetail", { present: counts.present })],
  ];
  if (counts.walkIns > 0) figures.push(["walkIns", counts.walkIns, t("figure.walkInsDetail", { submitted: counts.walkInsSubmitted, count: counts.walkIns })]);

  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <p className="muted small">
            <Link href={`/conferences/${conference.id}`}>{conference.title}</Link>
          </p>
          <h1>{t("heading")}</h1>
          <p className="muted">{formatRange(conference.startsAt, conference.endsAt)}</p>
          <p className="muted small">{t("intro")}</p>
        </div>
        <Link className="button" href={`/conferences/${conference.id}/report`}>
          {t("back")}
        </Link>
      </div>
      {conference.status === "cancelled" ? <p className="notice">{t("cancelled")}</p> : !canRecord ? <p className="notice info">{t("readOnly")}</p> : null}

      <dl className="figures" data-testid="essay-figures">
        {figures.map(([key, value, detail]) => (
          <div key={key} className={`figure figure-essay-${key}`} data-testid={`essay-figure-${key}`}>
            <dt>{t(`figure.${key}`)}</dt>
            <dd>
              <span className="figure-value">{value}</span>
              {detail ? <span className="figure-detail">{detail}</span> : null}
            </dd>
          </div>
        ))}
      </dl>

      <section className="stack-sm" aria-labelledby="essay-list-title">
        <h2 id="essay-list-title">{t("listTitle", { count: list.total })}</h2>
        <form className="filters" method="get" aria-label={t("filtersLabel")}>
          <div className="field">
            <label htmlFor="essay-state">{t("state.label")}</label>
            <select id="essay-state" name="state" defaultValue={filter.state ?? ""}>
              <option value="">{common("all")}</option>
              {ESSAY_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`state.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="essay-q">{t("search")}</label>
            <input id="essay-q" name="q" type="search" defaultValue={filter.q ?? ""} placeholder={t("searchHint")} autoComplete="off" />
          </div>
          <div className="filter-actions">
            <button className="button" type="submit">
              {common("filter")}
            </button>
            {filter.state || filter.q ? <Link href="?">{common("clearFilters")}</Link> : null}
          </div>
        </form>
        {canRecord && list.total > 0 ? <EssayMarkingClient formId={FORM_ID} conferenceId={conference.id} defaultDate={today} /> : null}
        {list.total === 0 ? (
          <p className="muted">{counts.present + counts.walkIns === 0 ? t("noAttendees") : t("none")}</p>
        ) : (
          <EssayTable lines={list.lines} formId={canRecord ? FORM_ID : undefined} />
        )}
        {list.pages > 1 ? (
          <nav className="pager" aria-label={t("pages")}>
            {list.page > 1 ? <Link href={pageHref(list.page - 1)}>{t("previous")}</Link> : null}
            <span data-testid="essay-page">{t("pageOf", { page: list.page, pages: list.pages })}</span>
            {list.page < list.pages ? <Link href={pageHref(list.page + 1)}>{t("next")}</Link> : null}
          </nav>
        ) : null}
      </section>

      {canRecord ? (
        <section className="card stack-sm" aria-labelledby="essay-import-title">
          <h2 id="essay-import-title">{t("import.title")}</h2>
          <p className="muted small">{t("import.intro")}</p>
          <EssayImportClient conferenceId={conference.id} defaultDate={today} />
        </section>
      ) : null}
    </div>
  );
}
