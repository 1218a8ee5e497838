import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ConferenceFilters } from "@/components/conferences/conference-filters";
import { ConferenceTable } from "@/components/conferences/conference-table";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { listConferences } from "@/lib/conferences/list-conferences";
import { can } from "@/lib/permissions";
import { conferenceFiltersSchema, listQueryOf } from "@/lib/schemas/conferences";
import { listUnits } from "@/lib/units/list-units";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("conferences"))("title") };
}

export default async function ConferencesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const user = await requirePageUser("conference:read");
  const t = await getTranslations("conferences");
  const p = await getTranslations("polish.conferences");
  const filters = conferenceFiltersSchema.parse(await searchParams);
  const rows = await listConferences(db, user, { unitId: filters.unit, status: filters.status });
  const units = await listUnits(db, user);
  // Today's and the coming conferences first, then the past ones (latest first); the filters go along to each conference and back.
  const upcoming = rows.filter((r) => r.upcoming);
  const past = rows.filter((r) => !r.upcoming);
  const listQuery = listQueryOf(filters);

  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t("title")}</h1>
        <p className="muted" data-testid="conference-count">
          {t("count", { count: rows.length })}
        </p>
        {can(user.role, "conference:write") ? (
          <Link className="button primary push-right" href="/conferences/new">
            {t("new")}
          </Link>
        ) : null}
      </div>
      <ConferenceFilters units={units} unit={filters.unit} status={filters.status} />
      {rows.length === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <>
          <section className="stack-sm" aria-labelledby="upcoming-title">
            <h2 id="upcoming-title">{p("upcomingTitle", { count: upcoming.length })}</h2>
            {upcoming.length === 0 ? (
              <p className="muted">{p("upcomingNone")}</p>
            ) : (
              <ConferenceTable rows={upcoming} listQuery={listQuery} testId="conference-table-upcoming" />
            )}
          </section>
          {past.length > 0 ? (
            <section className="stack-sm" aria-labelledby="past-title">
              <h2 id="past-title">{p("pastTitle", { count: past.length })}</h2>
              <ConferenceTable rows={past} listQuery={listQuery} testId="conference-table-past" />
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
