import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ConferenceFilters } from "@/components/conferences/conference-filters";
import { ConferenceTable } from "@/components/conferences/conference-table";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { listConferences } from "@/lib/conferences/list-conferences";
import { can } from "@/lib/permissions";
import { conferenceFiltersSchema } from "@/lib/schemas/conferences";
import { listUnits } from "@/lib/units/list-units";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("conferences"))("title") };
}

export default async function ConferencesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const user = await requirePageUser("conference:read");
  const t = await getTranslations("conferences");
  const filters = conferenceFiltersSchema.parse(await searchParams);
  const rows = listConferences(db, user, { unitId: filters.unit, status: filters.status });
  const units = listUnits(db, user);

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
      <ConferenceTable rows={rows} />
    </div>
  );
}
