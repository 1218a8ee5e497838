import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SelectField } from "@/components/ui/select-field";
import { db } from "@/db";
import { listCampaigns } from "@/lib/campaigns/list-campaigns";
import { getKindLabels } from "@/lib/organisation/get-kind-labels";
import type { CalendarQuery } from "@/lib/schemas/calendar";

interface Props {
  query: CalendarQuery;
  units: { id: number; name: string }[];
  canWrite: boolean;
}

/** A GET form: filters live in the URL with the view and date. */
export async function CalendarFilters({ query, units, canWrite }: Props) {
  const t = await getTranslations();
  const campaigns = await listCampaigns(db);
  return (
    <form className="filters" method="get" action="/calendar">
      {query.view ? <input type="hidden" name="view" value={query.view} /> : null}
      {query.date ? <input type="hidden" name="date" value={query.date} /> : null}
      {campaigns.length > 1 ? (
        <SelectField
          id="f-campaign"
          name="campaign"
          label={t("calendar.campaign")}
          defaultValue={query.campaign}
          options={campaigns.map((c) => ({ value: c.id, label: c.title }))}
        />
      ) : null}
      <SelectField
        id="f-level"
        name="level"
        label={t("calendar.level")}
        allLabel={t("common.all")}
        defaultValue={query.level}
        options={[
          { value: "province", label: t("calendar.levelProvince") },
          { value: "district", label: t("calendar.levelDistrict") },
        ]}
      />
      {units.length > 1 ? (
        <SelectField
          id="f-unit"
          name="unit"
          label={t("conferences.unit")}
          allLabel={t("common.all")}
          defaultValue={query.unit}
          options={units.map((u) => ({ value: u.id, label: u.name }))}
        />
      ) : null}
      <SelectField
        id="f-body"
        name="body"
        label={t("conferences.body")}
        allLabel={t("common.all")}
        defaultValue={query.body}
        options={(await getKindLabels()).bodyKinds.map((k) => ({ value: k.key, label: k.label }))}
      />
      <div className="filter-actions">
        <button className="button" type="submit">
          {t("common.filter")}
        </button>
        {query.level || query.unit || query.body ? <Link href="/calendar">{t("common.clearFilters")}</Link> : null}
        {canWrite ? (
          <Link className="button primary" href="/conferences/new">
            {t("conferences.new")}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
