import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SelectField } from "@/components/ui/select-field";
import { CONFERENCE_STATUSES } from "@/db/schema";

interface Props {
  units: { id: number; name: string }[];
  unit?: number;
  status?: string;
}

/** A plain GET form: the filters live in the URL, so a filtered list can be shared. */
export async function ConferenceFilters({ units, unit, status }: Props) {
  const t = await getTranslations();
  return (
    <form className="filters" method="get" action="/conferences">
      {units.length > 1 ? (
        <SelectField
          id="filter-unit"
          name="unit"
          label={t("conferences.unit")}
          allLabel={t("common.all")}
          defaultValue={unit}
          options={units.map((u) => ({ value: u.id, label: u.name }))}
        />
      ) : null}
      <SelectField
        id="filter-status"
        name="status"
        label={t("conferences.status")}
        allLabel={t("common.all")}
        defaultValue={status}
        options={CONFERENCE_STATUSES.map((s) => ({ value: s, label: t(`conferenceStatus.${s}`) }))}
      />
      <div className="filter-actions">
        <button className="button" type="submit">
          {t("common.filter")}
        </button>
        {unit || status ? <Link href="/conferences">{t("common.clearFilters")}</Link> : null}
      </div>
    </form>
  );
}
