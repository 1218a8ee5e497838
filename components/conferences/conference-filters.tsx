import Link from "next/link";
import { getTranslations } from "next-intl/server";
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
        <div className="field">
          <label htmlFor="filter-unit">{t("conferences.unit")}</label>
          <select id="filter-unit" name="unit" defaultValue={unit ?? ""}>
            <option value="">{t("common.all")}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="filter-status">{t("conferences.status")}</label>
        <select id="filter-status" name="status" defaultValue={status ?? ""}>
          <option value="">{t("common.all")}</option>
          {CONFERENCE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`conferenceStatus.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-actions">
        <button className="button" type="submit">
          {t("common.filter")}
        </button>
        {unit || status ? <Link href="/conferences">{t("common.clearFilters")}</Link> : null}
      </div>
    </form>
  );
}
