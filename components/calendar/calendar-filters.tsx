import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { db } from "@/db";
import { BODY_KINDS } from "@/db/schema";
import { listCampaigns } from "@/lib/campaigns/list-campaigns";
import type { CalendarQuery } from "@/lib/schemas/calendar";

interface Props {
  query: CalendarQuery;
  units: { id: number; name: string }[];
  canWrite: boolean;
}

/** A GET form: filters live in the URL with the view and date. */
export async function CalendarFilters({ query, units, canWrite }: Props) {
  const t = await getTranslations();
  const campaigns = listCampaigns(db);
  return (
    <form className="filters" method="get" action="/calendar">
      {query.view ? <input type="hidden" name="view" value={query.view} /> : null}
      {query.date ? <input type="hidden" name="date" value={query.date} /> : null}
      {campaigns.length > 1 ? (
        <div className="field">
          <label htmlFor="f-campaign">{t("calendar.campaign")}</label>
          <select id="f-campaign" name="campaign" defaultValue={query.campaign ?? ""}>
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="f-level">{t("calendar.level")}</label>
        <select id="f-level" name="level" defaultValue={query.level ?? ""}>
          <option value="">{t("common.all")}</option>
          <option value="province">{t("calendar.levelProvince")}</option>
          <option value="district">{t("calendar.levelDistrict")}</option>
        </select>
      </div>
      {units.length > 1 ? (
        <div className="field">
          <label htmlFor="f-unit">{t("conferences.unit")}</label>
          <select id="f-unit" name="unit" defaultValue={query.unit ?? ""}>
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
        <label htmlFor="f-body">{t("conferences.body")}</label>
        <select id="f-body" name="body" defaultValue={query.body ?? ""}>
          <option value="">{t("common.all")}</option>
          {BODY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`bodyKind.${k}`)}
            </option>
          ))}
        </select>
      </div>
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
